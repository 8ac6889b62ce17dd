package io.calicoj.cli.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code calicoctl get -o}: {@code ps} (default), {@code wide}, {@code yaml} (or {@code yml}),
 * {@code json}, or {@code custom-columns=H1,H2,…}.
 *
 * @param headings the custom columns, upper case; empty for the other formats
 */
public record OutputFormat(Type type, List<String> headings) {

    public enum Type { PS, WIDE, YAML, JSON, CUSTOM_COLUMNS }

    public static final OutputFormat PS = new OutputFormat(Type.PS, List.of());

    public OutputFormat {
        Objects.requireNonNull(type, "type");
        headings = List.copyOf(headings);
    }

    /** @throws IllegalArgumentException with calicoctl's message for a format it does not know */
    public static OutputFormat parse(String text) {
        switch (text) {
            case "ps":
                return PS;
            case "wide":
                return new OutputFormat(Type.WIDE, List.of());
            case "yaml":
            case "yml":
                return new OutputFormat(Type.YAML, List.of());
            case "json":
                return new OutputFormat(Type.JSON, List.of());
            default:
                break;
        }
        if (text.startsWith("custom-columns=")) {
            List<String> headings = new ArrayList<>();
            for (String h : text.substring("custom-columns=".length()).split(",")) {
                if (!h.isBlank()) {
                    headings.add(h.trim().toUpperCase(Locale.ROOT));
                }
            }
            if (headings.isEmpty()) {
                throw new IllegalArgumentException("need to specify at least one column");
            }
            return new OutputFormat(Type.CUSTOM_COLUMNS, headings);
        }
        if (text.startsWith("go-template=") || text.startsWith("go-template-file=")) {
            throw new IllegalArgumentException("output format '" + text
                    + "' is not supported by Calico/J (Go templates); use yaml, json or custom-columns=");
        }
        throw new IllegalArgumentException("unrecognized output format '" + text + "'");
    }

    public boolean isTable() {
        return type == Type.PS || type == Type.WIDE || type == Type.CUSTOM_COLUMNS;
    }
}
