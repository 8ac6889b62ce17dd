package io.calicoj.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Against {@code /bin/sh}. */
class ProcessCommandRunnerTest {

    private final ProcessCommandRunner runner = new ProcessCommandRunner(Duration.ofSeconds(20));

    private static Command sh(String script) {
        return Command.of("/bin/sh", "-c", script);
    }

    @Test
    void stdoutStderrAndTheExitCodeAreCollected() throws Exception {
        CommandResult r = runner.run(sh("echo out; echo err >&2; exit 3"));

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
        assertThat(r.command()).isEqualTo(sh("echo out; echo err >&2; exit 3"));
    }

    @Test
    void stdinIsFedAndClosed() throws Exception {
        assertThat(runner.run(sh("cat; echo end").withStdin("line 1\nline 2\n")).stdout()).isEqualTo("line 1\nline 2\nend\n");
    }

    @Test
    void theEnvironmentIsAddedToOurs() throws Exception {
        CommandResult r = runner.run(sh("echo \"$CALICOJ_TEST_VAR $PATH\"").withEnvironment(Map.of("CALICOJ_TEST_VAR", "set")));

        assertThat(r.stdout()).isEqualTo("set " + System.getenv("PATH") + "\n");
    }

    @Test
    void largeOutputOnBothStreamsDoesNotBlock() throws Exception {
        // 1 MiB on each stream, far beyond a pipe's buffer: both must be drained while the process runs.
        CommandResult r = runner.run(sh("head -c 1048576 /dev/zero; head -c 1048576 /dev/zero >&2"));

        assertThat(r.stdout()).hasSize(1 << 20);
        assertThat(r.stderr()).hasSize(1 << 20);
    }

    @Test
    void aProcessThatIgnoresItsInputStillReportsItsExit() throws Exception {
        assertThat(runner.run(sh("exit 0").withStdin("x".repeat(1 << 20))).succeeded()).isTrue();
    }

    @Test
    void runOrThrowFailsOnANonZeroExit() {
        assertThatThrownBy(() -> runner.runOrThrow(sh("echo broken >&2; exit 1")))
                .isInstanceOf(CommandFailedException.class).hasMessageEndingWith("exited 1: broken");
    }

    @Test
    void aMissingProgramCannotBeRun() {
        assertThatThrownBy(() -> runner.run(Command.of("/nonexistent/calicoj-program")))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageStartingWith("/nonexistent/calicoj-program could not be run");
    }

    @Test
    void aProcessRunningPastTheTimeoutIsKilledAndFails() {
        ProcessCommandRunner impatient = new ProcessCommandRunner(Duration.ofMillis(300));
        long start = System.nanoTime();

        assertThatThrownBy(() -> impatient.run(sh("exec sleep 30")))
                .isInstanceOf(CommandFailedException.class).hasMessageContaining("timed out after PT0.3S");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
}
