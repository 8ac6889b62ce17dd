package io.calicoj.cni.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.cni.plugin.CniPlugin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

class StderrLogProviderTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream realErr;

    @BeforeEach
    void captureStderr() {
        realErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(realErr);
        Logging.configure("warn");
    }

    private String logged() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aLineIsTimestampLevelSimpleNameAndMessage() {
        assertThat(StderrLogProvider.line(LocalDateTime.of(2026, 1, 2, 3, 4, 5, 6_000_000), Level.INFO, "AddCommand", "hello"))
                .isEqualTo("2026-01-02 03:04:05.006 [INFO] AddCommand - hello");
        assertThat(StderrLogProvider.line(LocalDateTime.of(2026, 11, 26, 23, 59, 59, 999_999_999), Level.WARN, "X", ""))
                .isEqualTo("2026-11-26 23:59:59.999 [WARN] X - ");
    }

    @Test
    void theTimestampIsTheWallClockOfTheDefaultZoneAtThatInstantDaylightSavingIncluded() {
        List<String> zones = List.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe",
                "America/St_Johns", "Pacific/Chatham");
        List<Instant> instants = List.of(Instant.parse("2026-01-15T12:00:00.123Z"), Instant.parse("2026-07-15T23:59:59.999Z"),
                Instant.parse("2026-03-08T06:59:59.500Z"), Instant.parse("2026-03-08T07:00:00.001Z"),
                Instant.parse("1969-12-31T23:59:59.001Z"));
        for (String id : zones) {
            TimeZone zone = TimeZone.getTimeZone(id);
            for (Instant at : instants) {
                assertThat(StderrLogProvider.localTime(at.toEpochMilli(), zone)).as("%s at %s", id, at)
                        .isEqualTo(LocalDateTime.ofInstant(at, zone.toZoneId()));
            }
        }
    }

    @Test
    void slf4jHandsOutThePluginsLoggers() {
        Logger log = LoggerFactory.getLogger(CniPlugin.class);

        assertThat(log.getClass().getName()).isEqualTo(StderrLogProvider.class.getName() + "$StderrLogger");
        assertThat(log.getName()).isEqualTo(CniPlugin.class.getName());
    }

    @Test
    void eventsBelowTheConfiguredLevelAreDroppedEvenByLoggersMadeBefore() {
        Logger log = LoggerFactory.getLogger("io.calicoj.cni.Early");
        Logging.configure("info");

        log.debug("not shown {}", 1);
        log.info("shown {} of {}", 1, 2);

        assertThat(log.isDebugEnabled()).isFalse();
        assertThat(log.isInfoEnabled()).isTrue();
        assertThat(logged()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[INFO\\] Early - shown 1 of 2\\R");
    }

    @Test
    void aFailureIsFollowedByItsStackTrace() {
        Logger log = LoggerFactory.getLogger("io.calicoj.cni.Failing");
        Logging.configure("error");

        log.warn("dropped", new IllegalStateException("quiet"));
        log.error("could not {}", "undo", new IllegalStateException("boom"));

        assertThat(logged()).contains("[ERROR] Failing - could not undo").contains("java.lang.IllegalStateException: boom")
                .contains("\tat ").doesNotContain("quiet");
    }
}
