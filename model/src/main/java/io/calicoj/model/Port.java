package io.calicoj.model;

import java.util.Objects;

/**
 * One entry of a rule's {@code ports}/{@code notPorts}: a single port, an inclusive range
 * {@code min:max}, or a named port (resolved against the destination endpoint's named ports).
 * Named ports have {@code min == max == 0} and a non-empty {@code name}; numeric ones an empty name.
 */
public record Port(int min, int max, String name) {

    public Port {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            if (min < 0 || max > 65535 || min > max) {
                throw new InvalidResourceException("", min == max ? Integer.toString(min) : min + ":" + max,
                        "ports must be in 0-65535 and a range's minimum must not exceed its maximum");
            }
        } else {
            if (min != 0 || max != 0) {
                throw new IllegalArgumentException("a named port has no number");
            }
            if (!validName(name)) {
                throw new InvalidResourceException("", name,
                        "a named port is 1-15 lower-case letters, digits and '-', with at least one letter");
            }
        }
    }

    public static Port single(int port) {
        return new Port(port, port, "");
    }

    public static Port range(int min, int max) {
        return new Port(min, max, "");
    }

    public static Port named(String name) {
        return new Port(0, 0, name);
    }

    /** Parses {@code 80}, {@code "80"}, {@code "80:90"} or a port name. */
    public static Port parse(String text) {
        Objects.requireNonNull(text, "text");
        int colon = text.indexOf(':');
        if (colon >= 0) {
            return range(number(text, text.substring(0, colon)), number(text, text.substring(colon + 1)));
        }
        if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return single(number(text, text));
        }
        return named(text);
    }

    private static int number(String whole, String part) {
        if (part.isEmpty() || part.length() > 5 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidResourceException("", whole, "invalid port format: expected a port, <min>:<max> or a port name");
        }
        int n = Integer.parseInt(part);
        if (n > 65535) {
            throw new InvalidResourceException("", whole, "ports must be in 0-65535");
        }
        return n;
    }

    /** Kubernetes IANA_SVC_NAME rules (also Calico's for named ports). */
    static boolean validName(String name) {
        if (name.isEmpty() || name.length() > 15 || name.startsWith("-") || name.endsWith("-") || name.contains("--")) {
            return false;
        }
        boolean letter = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'a' && c <= 'z') {
                letter = true;
            } else if (!(c >= '0' && c <= '9') && c != '-') {
                return false;
            }
        }
        return letter;
    }

    public boolean isNamed() {
        return !name.isEmpty();
    }

    public boolean contains(int port) {
        return !isNamed() && port >= min && port <= max;
    }

    /** Calico's text form: {@code 80}, {@code 80:90}, or the name. */
    @Override
    public String toString() {
        if (isNamed()) {
            return name;
        }
        return min == max ? Integer.toString(min) : min + ":" + max;
    }
}
