package io.calicoj.cli.codec;

import java.util.List;
import java.util.Map;

/**
 * Writes a tree as JSON the way calicoctl prints it: Go's {@code json.MarshalIndent(v, "", "  ")}.
 * Keys keep the tree's order (Go's struct field order), empty collections are {@code {}} and
 * {@code []}, and strings are escaped as Go escapes them, including {@code <}, {@code >} and
 * {@code &} as {@code \u003c}, {@code \u003e} and {@code \u0026}.
 */
public final class JsonWriter {

    private static final String HEX = "0123456789abcdef";

    private final StringBuilder out = new StringBuilder();

    private JsonWriter() {
    }

    /** The indented JSON text for {@code root}, without a trailing newline. */
    public static String write(Object root) {
        JsonWriter w = new JsonWriter();
        w.value(root, "");
        return w.out.toString();
    }

    private void value(Object v, String indent) {
        if (v instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            String inner = indent + "  ";
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(first ? "\n" : ",\n").append(inner);
                string((String) e.getKey());
                out.append(": ");
                value(e.getValue(), inner);
                first = false;
            }
            out.append('\n').append(indent).append('}');
        } else if (v instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            String inner = indent + "  ";
            boolean first = true;
            for (Object item : list) {
                out.append(first ? "\n" : ",\n").append(inner);
                value(item, inner);
                first = false;
            }
            out.append('\n').append(indent).append(']');
        } else if (v instanceof String s) {
            string(s);
        } else if (v instanceof Double d) {
            out.append(GoFloats.formatJson(d));
        } else {
            out.append(v);
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append("\\u").append(HEX.charAt(c >> 12 & 0xF)).append(HEX.charAt(c >> 8 & 0xF))
                                .append(HEX.charAt(c >> 4 & 0xF)).append(HEX.charAt(c & 0xF));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
