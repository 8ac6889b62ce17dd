package io.calicoj.agent.health;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Felix's health model: components register as reporters of liveness and/or readiness with a
 * timeout, and report periodically. The process is live (ready) when every reporter of liveness
 * (readiness) last said so within its timeout. A reporter that has not reported yet fails both.
 *
 * <p>Thread-safe: components report from their own threads, the HTTP server reads.
 */
public final class HealthAggregator {

    private final InstantSource clock;
    private final List<Reporter> reporters = new CopyOnWriteArrayList<>();

    public HealthAggregator(InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A component's health: it calls {@link #report} at least once per {@code timeout}. */
    public final class Reporter {
        private final String name;
        private final boolean reportsLive;
        private final boolean reportsReady;
        private final Duration timeout;
        private volatile State state = new State(false, false, "not reported yet", null);

        private Reporter(String name, boolean reportsLive, boolean reportsReady, Duration timeout) {
            this.name = name;
            this.reportsLive = reportsLive;
            this.reportsReady = reportsReady;
            this.timeout = timeout;
        }

        public void report(boolean live, boolean ready, String detail) {
            state = new State(live, ready, detail, clock.instant());
        }

        public String name() {
            return name;
        }

        boolean live(Instant now) {
            return !reportsLive || state.live && fresh(now);
        }

        boolean ready(Instant now) {
            return !reportsReady || state.ready && fresh(now);
        }

        private boolean fresh(Instant now) {
            return state.at != null && !now.isAfter(state.at.plus(timeout));
        }

        String describe(Instant now) {
            String age = state.at == null ? "never" : Duration.between(state.at, now).toMillis() + " ms ago";
            return name + ": live=" + live(now) + " ready=" + ready(now) + " (" + state.detail + ", reported " + age + ")";
        }
    }

    private record State(boolean live, boolean ready, String detail, Instant at) {
    }

    public Reporter register(String name, boolean reportsLive, boolean reportsReady, Duration timeout) {
        Reporter r = new Reporter(name, reportsLive, reportsReady, timeout);
        reporters.add(r);
        return r;
    }

    public boolean live() {
        Instant now = clock.instant();
        return reporters.stream().allMatch(r -> r.live(now));
    }

    public boolean ready() {
        Instant now = clock.instant();
        return reporters.stream().allMatch(r -> r.ready(now));
    }

    /** One line per reporter, for logs and the health endpoint's body. */
    public List<String> describe() {
        Instant now = clock.instant();
        List<String> out = new ArrayList<>();
        for (Reporter r : reporters) {
            out.add(r.describe(now));
        }
        return out;
    }
}
