package io.calicoj.cni.install;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The JNI libraries the plugin ships (Conscrypt's, for TLS): {@value #DIR}/ next to lib/ in the
 * source, and a directory per version of them under {@code <plugin dir>/}{@value #DIR}/, so that a
 * launcher written before keeps loading the libraries it was installed with until it is replaced (a
 * library under the same name but of another version would not fit its jars).
 */
final class NativeLibraries {

    static final String DIR = "native";

    private NativeLibraries() {
    }

    /**
     * Copies the libraries of {@code from} into a directory of {@code nativeRoot} named after their
     * contents. Empty when the plugin ships none.
     */
    static Optional<Path> install(Path from, Path nativeRoot) throws IOException {
        if (!Files.isDirectory(from)) {
            return Optional.empty();
        }
        List<Path> libraries;
        try (Stream<Path> s = Files.list(from)) {
            libraries = s.filter(p -> p.getFileName().toString().endsWith(".so") && Files.isRegularFile(p)).sorted().toList();
        }
        if (libraries.isEmpty()) {
            return Optional.empty();
        }
        Path dir = nativeRoot.resolve(digest(libraries));
        Files.createDirectories(dir);
        for (Path library : libraries) {
            InstallFiles.copyAtomically(library, dir.resolve(library.getFileName()));
        }
        return Optional.of(dir);
    }

    /** The first 16 hex digits of SHA-256 over the libraries' names and contents. */
    private static String digest(List<Path> libraries) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("no SHA-256 in this Java runtime", e);
        }
        for (Path library : libraries) {
            digest.update(library.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(Files.readAllBytes(library));
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }

    /** The JVM options that let the plugin load the libraries in {@code dir}; none without libraries. */
    static List<String> jvmOptions(Optional<Path> dir) {
        return dir.map(d -> List.of("--enable-native-access=ALL-UNNAMED", "-Djava.library.path=" + d.toAbsolutePath()))
                .orElse(List.of());
    }

    /**
     * Once the new launcher is in place: removes from {@code nativeRoot} everything but {@code keep} (other
     * versions' libraries). A failure only leaves files behind, so it is reported and the install goes on.
     */
    static void removeOthers(Path nativeRoot, Optional<Path> keep, PrintStream out) {
        if (!Files.isDirectory(nativeRoot)) {
            return;
        }
        try (Stream<Path> s = Files.list(nativeRoot)) {
            for (Path old : s.filter(p -> keep.isEmpty() || !p.equals(keep.get())).toList()) {
                InstallFiles.deleteRecursively(old);
            }
        } catch (IOException e) {
            out.println("install-cni: warning: cannot remove old native libraries from " + nativeRoot + ": " + e);
        }
    }
}
