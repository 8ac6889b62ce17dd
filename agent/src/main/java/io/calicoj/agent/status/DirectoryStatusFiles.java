package io.calicoj.agent.status;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link StatusFiles} in a real directory, created (mode 0755, as Calico) when first needed. A file is
 * written to a temporary file beside it, created exclusively ({@code O_CREAT|O_EXCL}, never following
 * a link someone placed there, mode 0644), flushed to disk, then renamed over the status file in one
 * step, so the CNI plugin never reads half a file. Temporary files start with {@code .}; one left by a
 * crash is removed with the stale files at start.
 */
public final class DirectoryStatusFiles implements StatusFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;

    /** @param dir the status directory itself ({@code <prefix>/endpoint-status}) */
    public DirectoryStatusFiles(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    public Path directory() {
        return dir;
    }

    @Override
    public Set<String> list() throws IOException {
        Set<String> out = new TreeSet<>();
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                entries.forEach(p -> out.add(p.getFileName().toString()));
            }
        }
        return out;
    }

    @Override
    public void write(String name, String content) throws IOException {
        Path target = resolve(name);
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path temp = dir.resolve("." + name + ".tmp-" + HexFormat.of().formatHex(randomBytes()));
        try (FileChannel out = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")))) {
            ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    @Override
    public void delete(String name) throws IOException {
        Files.deleteIfExists(resolve(name));
    }

    /** Deletes every entry but subdirectories: status files, temporary files a crash left, links placed there. */
    @Override
    public void deleteAll() throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private Path resolve(String name) {
        if (name.isEmpty() || name.startsWith(".") || name.contains("/") || name.contains("\0")) {
            throw new IllegalArgumentException("not a status file name: " + name);
        }
        return dir.resolve(name);
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return b;
    }
}
