package io.calicoj.cli.output;

import io.calicoj.cli.codec.JsonWriter;
import io.calicoj.cli.codec.ResourceEncoder;
import io.calicoj.cli.codec.YamlWriter;
import io.calicoj.cli.resource.Column;
import io.calicoj.cli.resource.KindInfo;
import io.calicoj.model.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders {@code calicoctl get} results in an {@link OutputFormat}, as calicoctl does:
 * <ul>
 * <li>tables: one per result, through Go's tabwriter (min width 5, padding 3), every cell
 *     tab-terminated (so lines end in padding), then an empty line;</li>
 * <li>YAML/JSON: the single result itself when there is exactly one (a listing prints as its
 *     {@code <Kind>List}), otherwise a sequence of the results; JSON ends with a newline.</li>
 * </ul>
 * Pure: no datastore access.
 */
public final class ResourcePrinter {

    private ResourcePrinter() {
    }

    /**
     * @param printNamespace put a {@code NAMESPACE} column first for namespaced kinds
     *                       ({@code -n} or {@code -A} was given)
     * @throws IllegalArgumentException for a custom column the kind does not have (calicoctl's message)
     */
    public static String print(List<Printed> results, OutputFormat format, boolean printNamespace) {
        switch (format.type()) {
            case YAML:
                return YamlWriter.write(tree(results));
            case JSON:
                return JsonWriter.write(tree(results)) + "\n";
            default:
                StringBuilder sb = new StringBuilder();
                for (Printed p : results) {
                    table(sb, p, format, printNamespace);
                }
                return sb.toString();
        }
    }

    private static Object tree(List<Printed> results) {
        List<Object> trees = new ArrayList<>();
        for (Printed p : results) {
            trees.add(p.isList() ? ResourceEncoder.encodeList(p.kind().kind(), p.items())
                    : ResourceEncoder.encode(p.items().get(0)));
        }
        return trees.size() == 1 ? trees.get(0) : trees;
    }

    private static void table(StringBuilder sb, Printed p, OutputFormat format, boolean printNamespace) {
        KindInfo kind = p.kind();
        List<String> headings = new ArrayList<>();
        if (printNamespace && kind.namespaced()) {
            headings.add("NAMESPACE");
        }
        headings.addAll(switch (format.type()) {
            case WIDE -> kind.wide();
            case CUSTOM_COLUMNS -> format.headings();
            default -> kind.ps();
        });
        List<Column> columns = new ArrayList<>();
        for (String h : headings) {
            columns.add(kind.column(h).orElseThrow(() -> new IllegalArgumentException(
                    "Unknown heading " + h + ", valid values are: " + String.join(", ", kind.headings()))));
        }
        StringBuilder text = new StringBuilder();
        for (String h : headings) {
            text.append(h).append('\t');
        }
        text.append('\n');
        for (Resource r : p.items()) {
            for (Column c : columns) {
                text.append(c.cell(r)).append('\t');
            }
            text.append('\n');
        }
        TabWriter tw = TabWriter.calicoctl(sb);
        tw.write(text.toString()).flush();
        sb.append('\n');
    }
}
