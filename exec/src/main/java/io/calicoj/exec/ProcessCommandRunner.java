package io.calicoj.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.time.Duration;

/** Runs real processes with {@link ProcessBuilder}, feeding stdin and collecting stdout and stderr concurrently. */
public final class ProcessCommandRunner implements CommandRunner {

    private final Duration timeout;

    /** @param timeout how long a process may run before it is killed (and reported as failed) */
    public ProcessCommandRunner(Duration timeout) {
        this.timeout = timeout;
    }

    public ProcessCommandRunner() {
        this(Duration.ofMinutes(2));
    }

    @Override
    public CommandResult run(Command command) throws CommandFailedException {
        ProcessBuilder pb = new ProcessBuilder(command.argv());
        pb.environment().putAll(command.environment());
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new CommandFailedException(command, e);
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        try (OutputStream in = process.getOutputStream()) {
            if (!command.stdin().isEmpty()) {
                in.write(command.stdin().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // The process exited without reading all of its input; its exit code tells the story.
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new CommandFailedException(command, new IOException("timed out after " + timeout));
            }
            return new CommandResult(command, process.exitValue(), out.get(), err.get());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CommandFailedException(command, e);
        } catch (ExecutionException e) {
            throw new CommandFailedException(command, e.getCause());
        }
    }

    private static String read(InputStream s) {
        try (s) {
            return new String(s.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
