package io.calicoj.kube.connection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service account token that the kubelet rotates in place (projected tokens expire after an hour
 * or so): each {@link #get} gives the file's current token, reading it again only when its modification
 * time has changed. When the file cannot be read or is empty, the last good token is kept (and the
 * failure logged once, without the token), so a rotation caught half-way never costs a request.
 * Safe for concurrent use.
 */
public final class TokenFile implements Supplier<String> {

    private static final Logger log = LoggerFactory.getLogger(TokenFile.class);

    private final Path file;
    private String token;
    private FileTime readAt;
    private boolean failing;

    /** {@code initial} is the token already read from {@code file} (so the first request needs no read). */
    public TokenFile(Path file, String initial) {
        this.file = Objects.requireNonNull(file, "file");
        this.token = Objects.requireNonNull(initial, "initial");
        this.readAt = modified();
    }

    @Override
    public synchronized String get() {
        FileTime now = modified();
        if (now == null || now.equals(readAt)) {
            return token;
        }
        try {
            String read = Files.readString(file).trim();
            if (read.isEmpty()) {
                throw new IOException("the file is empty");
            }
            if (!read.equals(token)) {
                log.info("The service account token in {} has changed; using the new one", file);
            }
            token = read;
            readAt = now;
            failing = false;
        } catch (IOException e) {
            if (!failing) {
                log.warn("Cannot read the service account token in {} again ({}); keeping the one read before", file,
                        e.getMessage());
                failing = true;
            }
        }
        return token;
    }

    private FileTime modified() {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }
}
