package io.calicoj.sandbox.pod;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A port a pod serves: number and protocol ({@code TCP}, {@code UDP}; {@code SCTP} when the kernel has it). */
public record ServedPort(int port, String protocol) {

    public ServedPort {
        protocol = protocol.toUpperCase(Locale.ROOT);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535: " + port);
        }
    }

    /** Parses {@code 80/TCP,81/UDP}. */
    public static List<ServedPort> parseList(String text) {
        List<ServedPort> out = new ArrayList<>();
        if (text.isBlank()) {
            return out;
        }
        for (String item : text.split(",")) {
            String[] parts = item.trim().split("/");
            if (parts.length != 2) {
                throw new IllegalArgumentException("a served port is <port>/<protocol>, not " + item);
            }
            out.add(new ServedPort(Integer.parseInt(parts[0]), parts[1]));
        }
        return out;
    }

    @Override
    public String toString() {
        return port + "/" + protocol;
    }
}
