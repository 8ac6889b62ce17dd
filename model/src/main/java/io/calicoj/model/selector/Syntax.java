package io.calicoj.model.selector;

import java.util.Comparator;
import java.util.Objects;

/** Lexical facts shared by the lexer, the parser and the nodes. */
final class Syntax {

    /** Longest label name the tokenizer accepts (Calico's {@code tokenizer.MaxLabelLength}). */
    static final int MAX_LABEL_LENGTH = 512;

    /**
     * Go's {@code <} on strings: byte order of the UTF-8 encoding, which is code point order.
     * {@link String#compareTo} differs from it when a supplementary character (a surrogate pair)
     * meets a character in U+E000..U+FFFF, so set values are sorted with this instead.
     */
    static final Comparator<String> CODE_POINT_ORDER = Syntax::compareCodePoints;

    private Syntax() {}

    /** {@code [a-zA-Z0-9_./-]}: a character that may appear in a label name. */
    static boolean isLabelChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '.' || c == '/' || c == '-';
    }

    /** Index of the first character at or after {@code from} that is not a label character. */
    static int labelEnd(String text, int from) {
        int i = from;
        while (i < text.length() && isLabelChar(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Space and tab only, as in Calico's tokenizer; a newline is not whitespace. */
    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    static String requireLabel(String label) {
        Objects.requireNonNull(label, "label");
        if (label.isEmpty() || labelEnd(label, 0) != label.length()) {
            throw new IllegalArgumentException(
                    "label must be one or more of [a-zA-Z0-9_./-], got '" + label + "'");
        }
        return label;
    }

    static String requirePrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (labelEnd(prefix, 0) != prefix.length()) {
            throw new IllegalArgumentException(
                    "label prefix must consist of [a-zA-Z0-9_./-], got '" + prefix + "'");
        }
        return prefix;
    }

    /** A value must be writable as a string literal, which has no escapes. */
    static String requireValue(String value) {
        Objects.requireNonNull(value, "value");
        if (value.indexOf('"') >= 0 && value.indexOf('\'') >= 0) {
            throw new IllegalArgumentException(
                    "value cannot contain both ' and \" (selector strings have no escapes): "
                            + value);
        }
        return value;
    }

    /** Double quotes unless the value contains one, then single quotes (Calico's rule). */
    static void appendQuoted(StringBuilder out, String value) {
        char quote = value.indexOf('"') >= 0 ? '\'' : '"';
        out.append(quote).append(value).append(quote);
    }

    private static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (x >= Character.MIN_SURROGATE && y >= Character.MIN_SURROGATE) {
                    // Move surrogates (supplementary code points) above U+E000..U+FFFF.
                    return rotate(x) - rotate(y);
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    private static int rotate(char c) {
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }
}
