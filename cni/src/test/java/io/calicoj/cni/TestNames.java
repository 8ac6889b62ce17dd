package io.calicoj.cni;

import java.security.SecureRandom;

/** Per-run unique names for namespaces, pods and containers (prefix them with {@code cj}). */
public final class TestNames {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestNames() {
    }

    /** Six random lower-case letters and digits. */
    public static String randomSuffix() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
