package io.calicoj.exec;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A process {@link ProcessLauncher} started: its PID, its pipes (when {@link Launch.Streams.Piped}), waiting and stopping. */
public final class RunningProcess {

    private final Launch launch;
    private final Process process;

    RunningProcess(Launch launch, Process process) {
        this.launch = launch;
        this.process = process;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What the process writes to its standard output. */
    public InputStream stdout() {
        requirePiped("output");
        return process.getInputStream();
    }

    /** The process's standard input; closing it ends the process's input. */
    public OutputStream stdin() {
        requirePiped("input");
        return process.getOutputStream();
    }

    /** Waits for the process to exit and returns its exit code. */
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** @return whether the process exited within {@code timeout} */
    public boolean waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** SIGKILL, without waiting. */
    public void kill() {
        process.destroyForcibly();
    }

    /** SIGTERM, then SIGKILL if it has not exited after {@code grace}. */
    public void stop(Duration grace) {
        stop(process.toHandle(), grace);
    }

    /**
     * SIGTERM to {@code process} (one this JVM did not necessarily start, e.g. a daemon found by PID),
     * then SIGKILL if it has not exited after {@code grace}.
     */
    public static void stop(ProcessHandle process, Duration grace) {
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
        }
    }

    private void requirePiped(String stream) {
        if (!(launch.streams() instanceof Launch.Streams.Piped)) {
            throw new IllegalStateException("the " + stream + " of " + launch.command() + " is not piped");
        }
    }

    @Override
    public String toString() {
        return launch.command() + " (pid " + pid() + ")";
    }
}
