package io.calicoj.agent.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HealthAggregatorTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final InstantSource clock = now::get;
    private final HealthAggregator health = new HealthAggregator(clock);

    private void advance(Duration d) {
        now.set(now.get().plus(d));
    }

    @Test
    void aReporterThatHasNotReportedFailsBoth() {
        health.register("dataplane", true, true, Duration.ofSeconds(20));
        assertThat(health.live()).isFalse();
        assertThat(health.ready()).isFalse();
    }

    @Test
    void liveButNotReadyUntilInSync() {
        HealthAggregator.Reporter r = health.register("dataplane", true, true, Duration.ofSeconds(20));
        r.report(true, false, "waiting for datastore");
        assertThat(health.live()).isTrue();
        assertThat(health.ready()).isFalse();
        r.report(true, true, "in sync");
        assertThat(health.ready()).isTrue();
    }

    @Test
    void aStaleReportCountsAsFailing() {
        HealthAggregator.Reporter r = health.register("dataplane", true, true, Duration.ofSeconds(20));
        r.report(true, true, "ok");
        advance(Duration.ofSeconds(20));
        assertThat(health.live()).isTrue();
        advance(Duration.ofMillis(1));
        assertThat(health.live()).isFalse();
        assertThat(health.describe()).singleElement().asString().contains("dataplane: live=false");
    }

    @Test
    void aReporterOnlyAffectsWhatItReportsOn() {
        health.register("startup", true, false, Duration.ofDays(1)).report(true, false, "started");
        HealthAggregator.Reporter ready = health.register("sync", false, true, Duration.ofDays(1));
        ready.report(false, true, "in sync");
        assertThat(health.live()).isTrue();
        assertThat(health.ready()).isTrue();
    }

    @Test
    void theEndpointAnswers204WhenHealthyAnd503Otherwise() throws IOException, InterruptedException {
        HealthAggregator.Reporter r = health.register("dataplane", true, true, Duration.ofSeconds(20));
        r.report(true, false, "syncing");
        try (HealthServer server = new HealthServer(health, "127.0.0.1", 0)) {
            HttpClient client = HttpClient.newHttpClient();
            assertThat(get(client, server, "/liveness").statusCode()).isEqualTo(204);
            HttpResponse<String> notReady = get(client, server, "/readiness");
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(notReady.body()).contains("dataplane: live=true ready=false (syncing");
            r.report(true, true, "in sync");
            assertThat(get(client, server, "/readiness").statusCode()).isEqualTo(204);
        }
    }

    private static HttpResponse<String> get(HttpClient client, HealthServer server, String path)
            throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
