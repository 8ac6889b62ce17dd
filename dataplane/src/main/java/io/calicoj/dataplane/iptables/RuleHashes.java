package io.calicoj.dataplane.iptables;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Felix's rule rendering and hashing. A rule line is {@code -A <chain> -m comment --comment
 * "cali:<hash>"}, then one {@code -m comment} per comment, the match and the action. The hash of
 * rule i is SHA-224(hash of rule i-1 ‖ the rule rendered as an append with the literal {@code HASH}
 * where the hash comment goes), seeded with SHA-224(chain name), base64url, first 16 characters: a
 * rule's hash changes when it or any rule before it changes, so position i's mismatch means
 * "replace rule i" and rule text is never parsed back.
 */
public final class RuleHashes {

    public static final String HASH_PREFIX = "cali:";
    public static final int HASH_LENGTH = 16;
    static final int MAX_COMMENT_LENGTH = 256;
    private static final Pattern SHELL_UNSAFE = Pattern.compile("[^\\w @%+=:,./-]");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private RuleHashes() {
    }

    /** The hashes of {@code rules} in chain {@code chainName}. */
    public static List<String> of(String chainName, List<Rule> rules) {
        MessageDigest sha = sha224();
        byte[] hash = sha.digest(chainName.getBytes(StandardCharsets.UTF_8));
        List<String> hashes = new ArrayList<>(rules.size());
        for (Rule rule : rules) {
            sha.reset();
            sha.update(hash);
            sha.update(render("-A " + chainName, "HASH", rule).getBytes(StandardCharsets.UTF_8));
            hash = sha.digest();
            hashes.add(BASE64URL.encodeToString(hash).substring(0, HASH_LENGTH));
        }
        return hashes;
    }

    /** {@code -A <chain> <hash comment> …}. */
    public static String renderAppend(String chain, Rule rule, String hash) {
        return render("-A " + chain, hashComment(hash), rule);
    }

    /** {@code -I <chain> <hash comment> …} (inserted at the top). */
    public static String renderInsert(String chain, Rule rule, String hash) {
        return render("-I " + chain, hashComment(hash), rule);
    }

    /** {@code -R <chain> <n> <hash comment> …} (n is 1-based). */
    public static String renderReplace(String chain, int ruleNumber, Rule rule, String hash) {
        return render("-R " + chain + " " + ruleNumber, hashComment(hash), rule);
    }

    static String hashComment(String hash) {
        return "-m comment --comment \"" + HASH_PREFIX + hash + "\"";
    }

    private static String render(String head, String hashFragment, Rule rule) {
        StringBuilder sb = new StringBuilder(128).append(head);
        if (!hashFragment.isEmpty()) {
            sb.append(' ').append(hashFragment);
        }
        for (String comment : rule.comments()) {
            sb.append(" -m comment --comment \"").append(escapeComment(comment)).append('"');
        }
        if (!rule.match().isEmpty()) {
            sb.append(' ').append(rule.match().render());
        }
        String action = rule.action().fragment();
        if (!action.isEmpty()) {
            sb.append(' ').append(action);
        }
        return sb.toString();
    }

    /** Felix's comment cleaning: unsafe characters become {@code _}; at most 256 characters. */
    static String escapeComment(String comment) {
        String safe = SHELL_UNSAFE.matcher(comment).replaceAll("_");
        return safe.length() > MAX_COMMENT_LENGTH ? safe.substring(0, MAX_COMMENT_LENGTH) : safe;
    }

    private static MessageDigest sha224() {
        try {
            return MessageDigest.getInstance("SHA-224");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-224", e);
        }
    }
}
