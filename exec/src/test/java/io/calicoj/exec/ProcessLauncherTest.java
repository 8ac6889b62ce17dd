package io.calicoj.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against {@code /bin/sh}. */
class ProcessLauncherTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ProcessLauncher launcher = new ProcessLauncher();
    private final List<RunningProcess> started = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void killLeftovers() {
        started.forEach(RunningProcess::kill);
    }

    private RunningProcess start(Launch launch) throws CommandFailedException {
        RunningProcess p = launcher.start(launch);
        started.add(p);
        return p;
    }

    private static Command sh(String script) {
        return Command.of("/bin/sh", "-c", script);
    }

    @Test
    void aDaemonAppendsOutputAndErrorToItsLogInADirectoryMadeForIt() throws Exception {
        Path log = dir.resolve("logs/daemon.log");
        Files.createDirectories(log.getParent());
        Files.writeString(log, "earlier run\n");

        RunningProcess p = start(Launch.daemon(sh("echo out; echo err >&2"), log));

        assertThat(p.waitFor()).isZero();
        assertThat(Files.readString(log)).isEqualTo("earlier run\nout\nerr\n");
        RunningProcess second = start(Launch.daemon(sh("echo again"), dir.resolve("new/dir/second.log")));
        assertThat(second.waitFor()).isZero();
        assertThat(dir.resolve("new/dir/second.log")).hasContent("again");
    }

    @Test
    void aDaemonReadsNothingAndGetsTheEnvironment() throws Exception {
        Path log = dir.resolve("d.log");

        RunningProcess p = start(Launch.daemon(sh("cat; echo \"input ended, $CALICOJ_MARKER\"")
                .withEnvironment(Map.of("CALICOJ_MARKER", "marked")), log));

        assertThat(p.waitFor(WAIT)).as("stdin is /dev/null, so cat ends at once").isTrue();
        assertThat(Files.readString(log)).isEqualTo("input ended, marked\n");
    }

    @Test
    void aDaemonLeadsASessionOfItsOwnUnderThePidWeWereGiven() throws Exception {
        RunningProcess p = start(Launch.daemon(Command.of("sleep", "30"), dir.resolve("sleep.log")));

        awaitProgram(p, "sleep");
        assertThat(session(p.pid())).isEqualTo(p.pid());
    }

    @Test
    void withoutANewSessionTheProcessStaysInOurs() throws Exception {
        RunningProcess p = start(new Launch(Command.of("sleep", "30"), new Launch.Streams.LogFile(dir.resolve("l")), false));

        awaitProgram(p, "sleep");
        assertThat(session(p.pid())).isEqualTo(session(ProcessHandle.current().pid()));
    }

    @Test
    void aPipedProcessTalksToItsStarter() throws Exception {
        RunningProcess p = start(Launch.piped(sh("echo ready; read line; echo \"got $line\"; cat >/dev/null; echo bye")));

        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.stdout(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("ready");
            p.stdin().write("hello\n".getBytes(StandardCharsets.UTF_8));
            p.stdin().flush();
            assertThat(out.readLine()).isEqualTo("got hello");
            p.stdin().close();
            assertThat(out.readLine()).as("closing its input ends it").isEqualTo("bye");
        }
        assertThat(p.waitFor(WAIT)).isTrue();
    }

    @Test
    void onlyAPipedProcessHasPipes() throws Exception {
        RunningProcess p = start(Launch.daemon(sh("exit 0"), dir.resolve("l")));

        assertThatThrownBy(p::stdout).isInstanceOf(IllegalStateException.class).hasMessageContaining("not piped");
        assertThatThrownBy(p::stdin).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anInteractiveCommandReportsItsExitCode() throws Exception {
        assertThat(start(Launch.interactive(sh("exit 7"))).waitFor()).isEqualTo(7);
    }

    @Test
    void stopTerminatesAndWaitFindsItGone() throws Exception {
        RunningProcess p = start(Launch.daemon(Command.of("sleep", "30"), dir.resolve("l")));
        assertThat(p.waitFor(Duration.ofMillis(100))).as("still running").isFalse();
        assertThat(p.isAlive()).isTrue();

        p.stop(WAIT);

        assertThat(p.waitFor(WAIT)).isTrue();
        assertThat(p.isAlive()).isFalse();
    }

    @Test
    void aProcessIgnoringSigtermIsKilledAfterTheGrace() throws Exception {
        // Ignored signals stay ignored across exec, so sleep ignores SIGTERM.
        RunningProcess p = start(Launch.daemon(sh("trap '' TERM; echo trapped; exec sleep 30"), dir.resolve("l")));
        awaitContent(dir.resolve("l"), "trapped\n");
        long start = System.nanoTime();

        p.stop(Duration.ofMillis(300));

        assertThat(p.waitFor(WAIT)).isTrue();
        assertThat(p.waitFor()).as("killed by SIGKILL").isEqualTo(128 + 9);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void stopByHandleWorksForAProcessKnownOnlyByPid() throws Exception {
        RunningProcess p = start(Launch.daemon(Command.of("sleep", "30"), dir.resolve("l")));

        RunningProcess.stop(ProcessHandle.of(p.pid()).orElseThrow(), WAIT);

        assertThat(p.waitFor(WAIT)).isTrue();
        assertThat(p.waitFor()).as("ended by SIGTERM").isEqualTo(128 + 15);
    }

    @Test
    void aMissingProgramCannotBeStarted() {
        assertThatThrownBy(() -> launcher.start(Launch.piped(Command.of("/nonexistent/calicoj-daemon"))))
                .isInstanceOf(CommandFailedException.class).hasMessageStartingWith("/nonexistent/calicoj-daemon could not be run");
    }

    @Test
    void aLaunchTakesNoInputText() {
        assertThatThrownBy(() -> Launch.piped(Command.of("cat").withStdin("x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNewSessionIsSetsidInFrontOfTheCommand() {
        assertThat(Launch.daemon(Command.of("felix"), dir).argv()).containsExactly("setsid", "felix");
        assertThat(Launch.piped(Command.of("felix")).argv()).containsExactly("felix");
    }

    /** The session id, from {@code /proc/<pid>/stat}: "pid (comm) state ppid pgrp session …". */
    private static long session(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
    }

    /** Waits until the process runs {@code program} (after setsid and the JDK's spawn helper have exec'ed it). */
    private static void awaitProgram(RunningProcess p, String program) throws Exception {
        Path cmdline = Path.of("/proc", Long.toString(p.pid()), "cmdline");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.readString(cmdline).startsWith(program + "\0")) {
            assertThat(System.nanoTime()).as(p + " never ran " + program).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static void awaitContent(Path file, String content) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!(Files.exists(file) && Files.readString(file).equals(content))) {
            assertThat(System.nanoTime()).as(file + " never held " + content).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
