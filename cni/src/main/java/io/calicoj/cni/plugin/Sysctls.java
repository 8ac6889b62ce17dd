package io.calicoj.cni.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Kernel settings under {@code /proc/sys} of the current network namespace (a temp dir in tests and training). */
public final class Sysctls {

    static final Path PROC_SYS = Path.of("/proc/sys");

    private final Path root;

    public Sysctls(Path root) {
        this.root = root;
    }

    /** @param key a path below /proc/sys, e.g. {@code net/ipv4/conf/cali1234/proxy_arp} */
    void set(String key, String value) throws CniException {
        try {
            Files.writeString(root.resolve(key), value);
        } catch (IOException e) {
            throw new CniException(CniException.DATAPLANE, "cannot set " + key.replace('/', '.') + "=" + value + ": " + e);
        }
    }

    String get(String key) throws CniException {
        try {
            return Files.readString(root.resolve(key)).strip();
        } catch (IOException e) {
            throw new CniException(CniException.DATAPLANE, "cannot read " + key.replace('/', '.') + ": " + e);
        }
    }

    /** Whether the current namespace has an interface of this name (its IPv4 settings exist). */
    boolean hasInterface(String name) {
        return Files.isDirectory(root.resolve("net/ipv4/conf").resolve(name));
    }
}
