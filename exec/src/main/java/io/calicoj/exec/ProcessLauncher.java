package io.calicoj.exec;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Starts the processes a {@link Launch} describes with {@link ProcessBuilder}, without waiting for them. */
public final class ProcessLauncher {

    private static final File DEV_NULL = new File("/dev/null");

    /** @throws CommandFailedException when the process cannot be started (no such program, no log directory, …) */
    public RunningProcess start(Launch launch) throws CommandFailedException {
        ProcessBuilder pb = new ProcessBuilder(launch.argv());
        pb.environment().putAll(launch.command().environment());
        try {
            Launch.Streams streams = launch.streams();
            if (streams instanceof Launch.Streams.LogFile log) {
                Path parent = log.file().toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                pb.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.file().toFile()))
                        .redirectErrorStream(true);
            } else if (streams instanceof Launch.Streams.Inherited) {
                pb.inheritIO();
            } else {
                pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            }
            return new RunningProcess(launch, pb.start());
        } catch (IOException e) {
            throw new CommandFailedException(launch.command(), e);
        }
    }
}
