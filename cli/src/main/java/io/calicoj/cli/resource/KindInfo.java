package io.calicoj.cli.resource;

import io.calicoj.model.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What calicoctl knows about one resource kind: the names a user may type for it, its table
 * columns ({@code ps} and {@code -o wide} headings; every column may be used with
 * {@code custom-columns=}) and whether it is namespaced (from the model's {@link ResourceKind}).
 *
 * @param names   the accepted command-line names, lower case (matched case-insensitively)
 * @param ps      the default headings
 * @param wide    the {@code -o wide} headings
 * @param columns every valid heading; a heading may appear twice (an alias such as {@code NODE})
 */
public record KindInfo(ResourceKind kind, List<String> names, List<String> ps, List<String> wide, List<Column> columns) {

    public KindInfo {
        Objects.requireNonNull(kind, "kind");
        names = List.copyOf(names);
        ps = List.copyOf(ps);
        wide = List.copyOf(wide);
        columns = List.copyOf(columns);
        for (String h : concat(ps, wide)) {
            if (columns.stream().noneMatch(c -> c.heading().equals(h))) {
                throw new IllegalArgumentException(kind + ": heading " + h + " has no column");
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    public boolean namespaced() {
        return kind.namespaced();
    }

    public boolean isNamed(String name) {
        return names.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The column for a heading typed by the user (case-insensitive). */
    public Optional<Column> column(String heading) {
        String h = heading.toUpperCase(Locale.ROOT);
        return columns.stream().filter(c -> c.heading().equals(h)).findFirst();
    }

    /** The headings valid for {@code custom-columns=}, for the error message. */
    public List<String> headings() {
        return columns.stream().map(Column::heading).toList();
    }
}
