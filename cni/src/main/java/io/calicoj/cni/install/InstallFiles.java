package io.calicoj.cni.install;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How install-cni puts files in place: written or copied beside the target with the final mode, then
 * renamed over it, so that a kubelet or a plugin reading them never sees a partial or open file.
 */
final class InstallFiles {

    static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
    static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private InstallFiles() {
    }

    /** Writes a file only its owner may read (0600), its directory made when missing. */
    static void writePrivate(Path file, String content) throws InstallException {
        try {
            Files.createDirectories(file.getParent());
            writeAtomically(file, content, PRIVATE);
        } catch (IOException e) {
            throw new InstallException("cannot write " + file + ": " + e);
        }
    }

    static void writeAtomically(Path file, String content, Set<PosixFilePermission> mode) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(mode));
        Files.writeString(tmp, content);
        Files.setPosixFilePermissions(tmp, mode);
        move(tmp, file);
    }

    /** Copies with mode 0644. */
    static void copyAtomically(Path from, Path to) throws IOException {
        Path tmp = to.resolveSibling("." + to.getFileName() + ".tmp");
        Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(tmp, READABLE);
        move(tmp, to);
    }

    /** Renames {@code tmp} over {@code to}: atomically where the file system can. */
    static void move(Path tmp, Path to) throws IOException {
        try {
            Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void deleteRecursively(Path p) throws IOException {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> s = Files.list(p)) {
                for (Path child : s.toList()) {
                    deleteRecursively(child);
                }
            }
        }
        Files.deleteIfExists(p);
    }
}
