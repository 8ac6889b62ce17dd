package io.calicoj.cni.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The node name when the configuration gives none: Calico's {@code /var/lib/calico/nodename}
 * (written by calico-node), else the kernel's host name, lower-cased.
 */
@FunctionalInterface
public interface HostName {

    String get() throws CniException;

    HostName SYSTEM = () -> {
        for (Path p : new Path[] {Path.of("/var/lib/calico/nodename"), Path.of("/proc/sys/kernel/hostname")}) {
            try {
                String name = Files.readString(p).strip();
                if (!name.isEmpty()) {
                    return name.toLowerCase(Locale.ROOT);
                }
            } catch (IOException e) {
                // Try the next source.
            }
        }
        throw new CniException(CniException.INVALID_NETWORK_CONFIG, "cannot determine the node name: set nodename");
    };
}
