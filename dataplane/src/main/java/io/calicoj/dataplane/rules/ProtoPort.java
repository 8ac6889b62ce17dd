package io.calicoj.dataplane.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** One entry of Felix's failsafe port lists: {@code tcp:22} ({@code udp} also allowed; a bare port is tcp). */
public record ProtoPort(String protocol, int port) {

    /** Modern Felix's FailsafeInboundHostPorts. */
    public static final List<ProtoPort> DEFAULT_INBOUND = parseList("FailsafeInboundHostPorts",
            "tcp:22,udp:68,tcp:179,tcp:2379,tcp:2380,tcp:5473,tcp:6443,tcp:6666,tcp:6667");
    /** Modern Felix's FailsafeOutboundHostPorts. */
    public static final List<ProtoPort> DEFAULT_OUTBOUND = parseList("FailsafeOutboundHostPorts",
            "udp:53,udp:67,tcp:179,tcp:2379,tcp:2380,tcp:5473,tcp:6443,tcp:6666,tcp:6667");

    public ProtoPort {
        Objects.requireNonNull(protocol, "protocol");
        if (!protocol.equals("tcp") && !protocol.equals("udp")) {
            throw new IllegalArgumentException("protocol must be tcp or udp: " + protocol);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535: " + port);
        }
    }

    /**
     * Parses Felix's comma-separated {@code proto:port} list ({@code none} or empty: no ports).
     *
     * @param parameter the Felix parameter name, for the error message
     */
    public static List<ProtoPort> parseList(String parameter, String text) {
        List<ProtoPort> out = new ArrayList<>();
        String t = text.strip();
        if (t.isEmpty() || t.equalsIgnoreCase("none")) {
            return out;
        }
        for (String entry : t.split(",")) {
            String e = entry.strip();
            String proto = "tcp";
            String port = e;
            int colon = e.indexOf(':');
            if (colon >= 0) {
                proto = e.substring(0, colon).toLowerCase(Locale.ROOT);
                port = e.substring(colon + 1);
            }
            try {
                out.add(new ProtoPort(proto, Integer.parseInt(port)));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(parameter + " = '" + text + "': bad entry '" + e
                        + "' (expected [tcp|udp:]<port 0-65535>)", ex);
            }
        }
        return List.copyOf(out);
    }
}
