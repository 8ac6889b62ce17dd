package io.calicoj.cli.output;

import io.calicoj.cli.resource.KindInfo;
import io.calicoj.model.Resource;
import java.util.List;
import java.util.Objects;

/**
 * One result of {@code calicoctl get}: a listing of a kind (printed as one table, or as a
 * {@code <Kind>List}) or a single resource fetched by name.
 */
public record Printed(KindInfo kind, List<Resource> items, boolean isList) {

    public Printed {
        Objects.requireNonNull(kind, "kind");
        items = List.copyOf(items);
    }

    public static Printed list(KindInfo kind, List<Resource> items) {
        return new Printed(kind, items, true);
    }

    public static Printed single(KindInfo kind, Resource resource) {
        return new Printed(kind, List.of(resource), false);
    }
}
