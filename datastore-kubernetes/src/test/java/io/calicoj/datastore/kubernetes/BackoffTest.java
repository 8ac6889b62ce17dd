package io.calicoj.datastore.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final RandomGenerator ZERO = new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public double nextDouble() {
            return 0;
        }
    };

    private static final RandomGenerator ALMOST_ONE = new RandomGenerator() {
        @Override
        public long nextLong() {
            return -1;
        }

        @Override
        public double nextDouble() {
            return 0.999_999;
        }
    };

    @Test
    void theDelayDoublesWithEachFailureUpToTheCap() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 0);
        assertThat(IntStream.rangeClosed(1, 7).mapToObj(n -> b.delay(n, ZERO).toMillis()))
                .containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L, 1000L);
        assertThat(b.delay(64, ZERO)).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.delay(Integer.MAX_VALUE, ZERO)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void jitterOnlyLengthensTheDelayByUpToItsFraction() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 0.5);
        assertThat(b.delay(1, ZERO)).isEqualTo(Duration.ofMillis(100));
        assertThat(b.delay(1, ALMOST_ONE)).isBetween(Duration.ofMillis(149), Duration.ofMillis(150));
        assertThat(b.delay(10, ALMOST_ONE)).isBetween(Duration.ofMillis(1499), Duration.ofMillis(1500));
    }

    @Test
    void theDefaultStartsAtHalfASecondAndStopsGrowingAtThirtySeconds() {
        assertThat(Backoff.DEFAULT.delay(1, ZERO)).isEqualTo(Duration.ofMillis(500));
        assertThat(Backoff.DEFAULT.delay(20, ZERO)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void nonsenseSettingsAreRejectedNamingTheField() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 0)).hasMessageStartingWith("initial");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0)).hasMessageStartingWith("max");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 2)).hasMessageStartingWith("jitter");
        assertThatThrownBy(() -> Backoff.DEFAULT.delay(0, ZERO)).hasMessageStartingWith("failures");
    }
}
