package io.calicoj.cni.install;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Installs the {@code calico} plugin into the CNI bin directory: its jars into
 * {@code calicoj-cni/lib/}, its JNI libraries ({@link NativeLibraries}), a class-data archive made in
 * place ({@link ArchiveBuilder}) and, last, the launcher ({@link LauncherScript}), so that the
 * launcher in place always finds what it names. Honours {@code SKIP_CNI_BINARIES},
 * {@code UPDATE_CNI_BINARIES}, {@code CALICOJ_CNI_JAVA} and {@code CALICOJ_CNI_JAVA_OPTS}.
 */
final class PluginInstaller {

    static final String PLUGIN_DIR = "calicoj-cni";

    private final Map<String, String> env;
    private final PrintStream out;
    private final ArchiveBuilder archives;

    PluginInstaller(Map<String, String> env, PrintStream out, ArchiveBuilder archives) {
        this.env = env;
        this.out = out;
        this.archives = archives;
    }

    /** @param source the directory holding the plugin's jar, its lib/ and native/ */
    void install(Path source, Path binDir) throws InstallException {
        if (!Files.isDirectory(binDir) || !Files.isWritable(binDir)) {
            throw new InstallException("CNI_BIN_DIR " + binDir + " is not a writable directory");
        }
        Path launcher = binDir.resolve("calico");
        if (List.of(env.getOrDefault("SKIP_CNI_BINARIES", "").split(",")).contains("calico")) {
            out.println("install-cni: calico is in SKIP_CNI_BINARIES; not installing the plugin");
            return;
        }
        if (Files.exists(launcher) && "false".equalsIgnoreCase(env.getOrDefault("UPDATE_CNI_BINARIES", "true"))) {
            out.println("install-cni: " + launcher + " exists and UPDATE_CNI_BINARIES=false; leaving it");
            return;
        }
        List<Path> jars = sourceJars(source);
        Path pluginDir = binDir.resolve(PLUGIN_DIR);
        Path lib = pluginDir.resolve("lib");
        List<String> classPath = new ArrayList<>();
        try {
            Files.createDirectories(lib);
            for (Path jar : jars) {
                Path target = lib.resolve(jar.getFileName().toString());
                InstallFiles.copyAtomically(jar, target);
                classPath.add(target.toAbsolutePath().toString());
            }
            Path nativeRoot = pluginDir.resolve(NativeLibraries.DIR);
            Optional<Path> libraries = NativeLibraries.install(source.resolve(NativeLibraries.DIR), nativeRoot);
            List<String> jvmOptions = new ArrayList<>(LauncherScript.JVM_OPTIONS);
            jvmOptions.addAll(NativeLibraries.jvmOptions(libraries));
            Path java = java();
            String archive;
            try {
                archive = archives.build(java, jvmOptions, classPath, pluginDir);
            } catch (IOException e) {
                out.println("install-cni: warning: no class-data archive (the plugin works, but starts slower): " + e.getMessage());
                archive = "";
            }
            InstallFiles.writeAtomically(launcher, LauncherScript.text(java, jvmOptions,
                    env.getOrDefault("CALICOJ_CNI_JAVA_OPTS", ""), archive, classPath), InstallFiles.EXECUTABLE);
            NativeLibraries.removeOthers(nativeRoot, libraries, out);
        } catch (IOException e) {
            throw new InstallException("cannot install the plugin into " + binDir + ": " + e);
        }
        out.println("install-cni: installed " + launcher + " (" + jars.size() + " jars in " + pluginDir + ")");
    }

    /** The plugin jar first, then its dependencies, sorted: the launcher's class path, fixed at install. */
    private static List<Path> sourceJars(Path source) throws InstallException {
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> s = Files.list(source)) {
            s.filter(p -> p.getFileName().toString().matches("calicoj-cni-.*\\.jar") && !p.toString().endsWith("-tests.jar"))
                    .forEach(jars::add);
        } catch (IOException e) {
            throw new InstallException("cannot list " + source + ": " + e);
        }
        if (jars.size() != 1) {
            throw new InstallException("expected one calicoj-cni jar in " + source + ", found " + jars);
        }
        try (Stream<Path> s = Files.list(source.resolve("lib"))) {
            s.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(jars::add);
        } catch (IOException e) {
            throw new InstallException("cannot list " + source.resolve("lib") + ": " + e);
        }
        return jars;
    }

    /** {@code CALICOJ_CNI_JAVA}, else the newest JDK known here, else the one running this. */
    private Path java() {
        String configured = env.getOrDefault("CALICOJ_CNI_JAVA", "");
        if (!configured.isEmpty()) {
            return Path.of(configured);
        }
        for (String j : List.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java", "/usr/lib/jvm/java-25-openjdk-amd64/bin/java")) {
            if (Files.isExecutable(Path.of(j))) {
                return Path.of(j);
            }
        }
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
