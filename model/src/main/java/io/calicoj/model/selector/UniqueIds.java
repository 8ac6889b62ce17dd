package io.calicoj.model.selector;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Calico's {@code hash.MakeUniqueID}: {@code prefix:} + base64url-without-padding of
 * SHA-224({@code prefix:content}). Selector IDs use prefix {@code s} (see
 * {@link Selector#uniqueId()}); the calculation graph's named-port IP sets use {@code n} over
 * {@code <selector ID>,<tcp|udp|sctp>,<port name>}.
 */
public final class UniqueIds {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private UniqueIds() {}

    /** {@code prefix + ":" + base64url-no-pad(SHA-224(prefix + ":" + content))}. */
    public static String of(String prefix, String content) {
        String input = prefix + ":" + content;
        MessageDigest sha224;
        try {
            sha224 = MessageDigest.getInstance("SHA-224");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-224", e);
        }
        byte[] digest = sha224.digest(input.getBytes(StandardCharsets.UTF_8));
        return prefix + ":" + BASE64URL.encodeToString(digest);
    }
}
