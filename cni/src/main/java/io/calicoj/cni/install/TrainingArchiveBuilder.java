package io.calicoj.cni.install;

import io.calicoj.cni.training.CdsTraining;
import io.calicoj.exec.ProcessCommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Makes the archive in place with the installed class path: {@link CdsTraining} (HTTPS when
 * the runtime's keytool is there), {@code -XX:AOTCacheOutput} on Java 25+, AppCDS otherwise.
 */
final class TrainingArchiveBuilder implements ArchiveBuilder {

    static final List<String> NO_TRAINING_PROFILES = List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTRecordTraining");

    @Override
    public String build(Path java, List<String> jvmOptions, List<String> classPath, Path pluginDir) throws IOException {
        ProcessCommandRunner runner = new ProcessCommandRunner(Duration.ofMinutes(2));
        boolean aot = majorVersion(runner, java) >= 25;
        Path archive = pluginDir.resolve(aot ? "calico.aot" : "calico.jsa");
        Path tmp = pluginDir.resolve(aot ? ".calico.aot.tmp" : ".calico.jsa.tmp");
        Path work = Files.createTempDirectory("calicoj-cds");
        try {
            Files.deleteIfExists(tmp);
            List<String> argv = new ArrayList<>();
            argv.add(java.toString());
            argv.addAll(jvmOptions);
            argv.add((aot ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + tmp);
            argv.addAll(List.of("-cp", String.join(":", classPath), CdsTraining.class.getName(), work.toString()));
            if (aot) {
                // Classes only, no profiles of the training run: with them the JIT compiles at start-up whatever
                // was hot in training, competing with the ADD for the CPU. The flag is diagnostic: a JDK without
                // it gets an archive with profiles.
                List<String> classesOnly = new ArrayList<>(argv);
                classesOnly.addAll(1, NO_TRAINING_PROFILES);
                try {
                    run(runner, classesOnly);
                } catch (IOException e) {
                    Files.deleteIfExists(tmp);
                    run(runner, argv);
                }
            } else {
                run(runner, argv);
            }
            if (!Files.exists(tmp)) {
                return "";
            }
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            InstallFiles.move(tmp, archive);
            return (aot ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + archive;
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static int majorVersion(ProcessCommandRunner runner, Path java) throws IOException {
        String out = run(runner, List.of(java.toString(), "-XshowSettings:properties", "-version"));
        for (String line : out.split("\n")) {
            String l = line.strip();
            if (l.startsWith("java.specification.version = ")) {
                return Integer.parseInt(l.substring("java.specification.version = ".length()).strip());
            }
        }
        return 17;
    }

    private static String run(ProcessCommandRunner runner, List<String> argv) throws IOException {
        try {
            var r = runner.run(io.calicoj.exec.Command.of(argv));
            if (!r.succeeded()) {
                throw new IOException(argv.get(0) + " exited " + r.exitCode() + ": " + r.stderr().strip());
            }
            return r.stdout() + r.stderr();
        } catch (io.calicoj.exec.CommandFailedException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
