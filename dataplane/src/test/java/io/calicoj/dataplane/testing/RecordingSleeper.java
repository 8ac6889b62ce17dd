package io.calicoj.dataplane.testing;

import io.calicoj.dataplane.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records the waits asked for and returns at once (optionally advancing a {@link ManualClock}). */
public final class RecordingSleeper implements Sleeper {

    private final List<Duration> sleeps = new ArrayList<>();
    private final ManualClock clock;

    public RecordingSleeper() {
        this(null);
    }

    public RecordingSleeper(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        if (clock != null) {
            clock.advance(duration);
        }
    }

    public List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
