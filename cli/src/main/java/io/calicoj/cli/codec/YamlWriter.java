package io.calicoj.cli.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a tree of maps, lists and scalars as YAML the way calicoctl prints it: Go's
 * {@code gopkg.in/yaml.v2} encoder behind {@code go-yaml-wrapper}'s JSON-to-YAML step. So mapping
 * keys are sorted ({@link GoKeyOrder}), sequences in a mapping are not indented
 * ({@code - item} at the key's column), indentation is 2, empty collections print as {@code {}}
 * and {@code []}, strings are plain unless they would read back as another type (then
 * double-quoted, e.g. {@code "1000"}, {@code "true"}, {@code ""}, timestamps) or start with an
 * indicator (then single-quoted, e.g. {@code '!has(x)'}), strings with line breaks are literal
 * blocks, and long plain or quoted strings fold at spaces once a line passes 80 columns.
 *
 * <p>Tree nodes: {@code Map<String, ?>}, {@code List<?>}, {@code String}, {@code Integer},
 * {@code Long}, {@code Double}, {@code Boolean} and {@code null}.
 */
public final class YamlWriter {

    private static final int BEST_WIDTH = 80;
    private static final int BEST_INDENT = 2;

    private static final Pattern BASE60_FLOAT = Pattern.compile("[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?");
    private static final Pattern YAML_FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern GO_INT = Pattern.compile("[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]*|0[bB][01]+|[1-9][0-9]*)");
    private static final Pattern DOT_FLOAT = Pattern.compile("\\.[0-9]+([eE][-+]?[0-9]+)?");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
            + "(([Tt][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\\.[0-9]+)?(Z|[-+][0-9]{2}:[0-9]{2}))"
            + "|( [0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\\.[0-9]+)?))?");
    /** YAML 1.1 words that read back as booleans, nulls, special floats or the merge key. */
    private static final java.util.Set<String> RESERVED = java.util.Set.of(
            "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
            "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF",
            "", "~", "null", "Null", "NULL", ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF",
            "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", "<<");

    private enum Style { PLAIN, SINGLE, DOUBLE, LITERAL }

    private final StringBuilder out = new StringBuilder();
    private int column;
    private boolean whitespace = true;
    private boolean indention = true;

    private YamlWriter() {
    }

    /** The YAML document for {@code root}, ending with a newline. */
    public static String write(Object root) {
        YamlWriter w = new YamlWriter();
        w.node(root, 0, false);
        w.writeIndent(0); // the document end: ends the last line unless a block scalar already did
        return w.out.toString();
    }

    // ---- structure -------------------------------------------------------------------------

    private void node(Object value, int indent, boolean inMappingValue) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            mapping(map, inMappingValue ? indent + BEST_INDENT : indent);
        } else if (value instanceof List<?> list && !list.isEmpty()) {
            // A sequence that is a mapping's value is "indentless": its dashes line up with the key.
            sequence(list, indent);
        } else if (value instanceof Map<?, ?>) {
            indicator("{}", true, false, false);
        } else if (value instanceof List<?>) {
            indicator("[]", true, false, false);
        } else {
            scalar(scalarText(value), !(value instanceof String), inMappingValue ? indent + BEST_INDENT : indent, false);
        }
    }

    private void mapping(Map<?, ?> map, int indent) {
        List<String> keys = new ArrayList<>();
        for (Object k : map.keySet()) {
            keys.add((String) k);
        }
        keys.sort(GoKeyOrder.INSTANCE);
        for (String key : keys) {
            writeIndent(indent);
            scalar(key, false, indent, true);
            indicator(":", false, false, false);
            node(map.get(key), indent, true);
        }
    }

    private void sequence(List<?> list, int indent) {
        for (Object item : list) {
            writeIndent(indent);
            indicator("-", true, false, true);
            if (item instanceof Map<?, ?> m && !m.isEmpty()) {
                mapping(m, indent + BEST_INDENT);
            } else if (item instanceof List<?> l && !l.isEmpty()) {
                sequence(l, indent + BEST_INDENT);
            } else {
                node(item, indent, true);
            }
        }
    }

    private static String scalarText(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Double d) {
            // calicoctl's YAML is JSON read back by the YAML decoder: whole numbers become integers.
            if (d == Math.rint(d) && Math.abs(d) < 9.2e18) {
                return Long.toString(d.longValue());
            }
            String g = GoFloats.formatG(d);
            return g.equals("+Inf") ? ".inf" : g.equals("-Inf") ? "-.inf" : g.equals("NaN") ? ".nan" : g;
        }
        return String.valueOf(value);
    }

    // ---- emitter primitives (go-yaml's emitterc.go) ----------------------------------------

    private void put(int c) {
        out.appendCodePoint(c);
        column++;
    }

    private void putBreak() {
        out.append('\n');
        column = 0;
    }

    private void writeIndent(int indent) {
        if (!indention || column > indent || (column == indent && !whitespace)) {
            putBreak();
        }
        while (column < indent) {
            put(' ');
        }
        whitespace = true;
        indention = true;
    }

    private void indicator(String text, boolean needWhitespace, boolean isWhitespace, boolean isIndention) {
        if (needWhitespace && !whitespace) {
            put(' ');
        }
        text.codePoints().forEach(this::put);
        whitespace = isWhitespace;
        indention = indention && isIndention;
    }

    /**
     * @param verbatim numbers, booleans and null: always plain
     * @param indent   the indentation of continuation lines
     */
    private void scalar(String value, boolean verbatim, int indent, boolean simpleKey) {
        Style style = verbatim ? Style.PLAIN : style(value, simpleKey);
        int[] cps = value.codePoints().toArray();
        switch (style) {
            case PLAIN -> plain(cps, !simpleKey, indent);
            case SINGLE -> singleQuoted(cps, !simpleKey, indent);
            case DOUBLE -> doubleQuoted(cps, !simpleKey, indent);
            case LITERAL -> literal(cps, indent);
            default -> throw new IllegalStateException();
        }
    }

    private void plain(int[] v, boolean allowBreaks, int indent) {
        if (v.length > 0 && !whitespace) {
            put(' ');
        }
        boolean spaces = false;
        for (int i = 0; i < v.length; i++) {
            if (v[i] == ' ') {
                if (allowBreaks && !spaces && column > BEST_WIDTH && !(i + 1 < v.length && v[i + 1] == ' ')) {
                    writeIndent(indent);
                } else {
                    put(v[i]);
                }
                spaces = true;
            } else {
                put(v[i]);
                indention = false;
                spaces = false;
            }
        }
        whitespace = false;
        indention = false;
    }

    private void singleQuoted(int[] v, boolean allowBreaks, int indent) {
        indicator("'", true, false, false);
        boolean spaces = false;
        for (int i = 0; i < v.length; i++) {
            if (v[i] == ' ') {
                if (allowBreaks && !spaces && column > BEST_WIDTH && i > 0 && i < v.length - 1 && v[i + 1] != ' ') {
                    writeIndent(indent);
                } else {
                    put(v[i]);
                }
                spaces = true;
            } else {
                if (v[i] == '\'') {
                    put('\'');
                }
                put(v[i]);
                indention = false;
                spaces = false;
            }
        }
        indicator("'", false, false, false);
        whitespace = false;
        indention = false;
    }

    private void doubleQuoted(int[] v, boolean allowBreaks, int indent) {
        indicator("\"", true, false, false);
        boolean spaces = false;
        for (int i = 0; i < v.length; i++) {
            int c = v[i];
            if (!printable(c) || c == 0xFEFF || isBreak(c) || c == '"' || c == '\\') {
                put('\\');
                String esc = switch (c) {
                    case 0 -> "0";
                    case 0x07 -> "a";
                    case 0x08 -> "b";
                    case 0x09 -> "t";
                    case 0x0A -> "n";
                    case 0x0B -> "v";
                    case 0x0C -> "f";
                    case 0x0D -> "r";
                    case 0x1B -> "e";
                    case '"' -> "\"";
                    case '\\' -> "\\";
                    case 0x85 -> "N";
                    case 0xA0 -> "_";
                    case 0x2028 -> "L";
                    case 0x2029 -> "P";
                    default -> c <= 0xFF ? String.format("x%02X", c)
                            : c <= 0xFFFF ? String.format("u%04X", c) : String.format("U%08X", c);
                };
                esc.codePoints().forEach(this::put);
                spaces = false;
            } else if (c == ' ') {
                if (allowBreaks && !spaces && column > BEST_WIDTH && i > 0 && i < v.length - 1) {
                    writeIndent(indent);
                    if (v[i + 1] == ' ') {
                        put('\\');
                    }
                } else {
                    put(c);
                }
                spaces = true;
            } else {
                put(c);
                spaces = false;
            }
        }
        indicator("\"", false, false, false);
        whitespace = false;
        indention = false;
    }

    private void literal(int[] v, int indent) {
        indicator("|", true, false, false);
        // Block scalar hints: an indentation indicator when the text starts with a space or break,
        // and the chomping indicator for the trailing line breaks.
        if (v.length > 0 && (v[0] == ' ' || isBreak(v[0]))) {
            indicator(Integer.toString(BEST_INDENT), false, false, false);
        }
        String chomp;
        if (v.length == 0 || !isBreak(v[v.length - 1])) {
            chomp = "-";
        } else if (v.length == 1 || isBreak(v[v.length - 2])) {
            chomp = "+";
        } else {
            chomp = "";
        }
        if (!chomp.isEmpty()) {
            indicator(chomp, false, false, false);
        }
        putBreak();
        indention = true;
        whitespace = true;
        boolean breaks = true;
        for (int c : v) {
            if (isBreak(c)) {
                if (c == '\n') {
                    putBreak();
                } else {
                    out.appendCodePoint(c);
                    column = 0;
                }
                indention = true;
                breaks = true;
            } else {
                if (breaks) {
                    writeIndent(indent);
                }
                put(c);
                indention = false;
                breaks = false;
            }
        }
    }

    // ---- style selection ---------------------------------------------------------------------

    private static Style style(String s, boolean simpleKey) {
        Analysis a = Analysis.of(s);
        Style style;
        if (s.contains("\n")) {
            style = Style.LITERAL;
        } else if (resolvesToString(s) && !BASE60_FLOAT.matcher(s).matches()) {
            style = Style.PLAIN;
        } else {
            style = Style.DOUBLE;
        }
        if (simpleKey && a.multiline) {
            style = Style.DOUBLE;
        }
        if (style == Style.PLAIN && (!a.blockPlainAllowed || s.isEmpty() && simpleKey)) {
            style = Style.SINGLE;
        }
        if (style == Style.SINGLE && !a.singleQuotedAllowed) {
            style = Style.DOUBLE;
        }
        if (style == Style.LITERAL && (!a.blockAllowed || simpleKey)) {
            style = Style.DOUBLE;
        }
        return style;
    }

    /** go-yaml's {@code resolve("", s)}: whether the plain text {@code s} would read back as a string. */
    static boolean resolvesToString(String s) {
        if (RESERVED.contains(s)) {
            return false;
        }
        char first = s.charAt(0);
        if (first == '.') {
            return !DOT_FLOAT.matcher(s).matches();
        }
        boolean sign = first == '+' || first == '-';
        if (!sign && !(first >= '0' && first <= '9')) {
            return true;
        }
        if (TIMESTAMP.matcher(s).matches()) {
            return false;
        }
        String plain = s.replace("_", "");
        return !(GO_INT.matcher(plain).matches() || YAML_FLOAT.matcher(plain).matches());
    }

    private static boolean printable(int c) {
        return c == 0x0A || c >= 0x20 && c <= 0x7E || c >= 0xA0 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD;
    }

    private static boolean isBreak(int c) {
        return c == '\r' || c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    private static boolean blankOrEnd(int[] v, int i) {
        return i >= v.length || v[i] == ' ' || v[i] == '\t' || isBreak(v[i]);
    }

    /** libyaml's {@code yaml_emitter_analyze_scalar}: which styles can represent a value. */
    private record Analysis(boolean multiline, boolean blockPlainAllowed, boolean singleQuotedAllowed,
                            boolean blockAllowed) {

        static Analysis of(String s) {
            if (s.isEmpty()) {
                return new Analysis(false, true, true, false);
            }
            int[] v = s.codePoints().toArray();
            boolean blockIndicators = s.startsWith("---") || s.startsWith("...");
            boolean lineBreaks = false;
            boolean special = false;
            boolean leadingSpace = false;
            boolean leadingBreak = false;
            boolean trailingSpace = false;
            boolean trailingBreak = false;
            boolean breakSpace = false;
            boolean spaceBreak = false;
            boolean precededByWhitespace = true;
            boolean previousSpace = false;
            boolean previousBreak = false;
            for (int i = 0; i < v.length; i++) {
                int c = v[i];
                boolean followedByWhitespace = blankOrEnd(v, i + 1);
                if (i == 0) {
                    if ("#,[]{}&*!|>'\"%@`".indexOf(c) >= 0) {
                        blockIndicators = true;
                    }
                    if ((c == '?' || c == ':' || c == '-') && followedByWhitespace) {
                        blockIndicators = true;
                    }
                } else {
                    if (c == ':' && followedByWhitespace) {
                        blockIndicators = true;
                    }
                    if (c == '#' && precededByWhitespace) {
                        blockIndicators = true;
                    }
                }
                if (!printable(c) || c == 0xFEFF) {
                    special = true;
                }
                if (isBreak(c)) {
                    lineBreaks = true;
                }
                if (c == ' ') {
                    leadingSpace |= i == 0;
                    trailingSpace |= i == v.length - 1;
                    breakSpace |= previousBreak;
                    previousSpace = true;
                    previousBreak = false;
                } else if (isBreak(c)) {
                    leadingBreak |= i == 0;
                    trailingBreak |= i == v.length - 1;
                    spaceBreak |= previousSpace;
                    previousBreak = true;
                    previousSpace = false;
                } else {
                    previousSpace = false;
                    previousBreak = false;
                }
                precededByWhitespace = blankOrEnd(v, i);
            }
            boolean blockPlain = true;
            boolean single = true;
            boolean block = true;
            if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
                blockPlain = false;
            }
            if (trailingSpace) {
                block = false;
            }
            if (breakSpace) {
                blockPlain = false;
                single = false;
            }
            if (spaceBreak || special) {
                blockPlain = false;
                single = false;
                block = false;
            }
            if (lineBreaks || blockIndicators) {
                blockPlain = false;
            }
            return new Analysis(lineBreaks, blockPlain, single, block);
        }
    }
}
