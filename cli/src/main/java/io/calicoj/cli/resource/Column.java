package io.calicoj.cli.resource;

import io.calicoj.model.Resource;
import java.util.Objects;
import java.util.function.Function;

/** A table column of {@code calicoctl get}: its heading and how a resource fills its cell. */
public record Column(String heading, Function<Resource, String> value) {

    public Column {
        Objects.requireNonNull(heading, "heading");
        Objects.requireNonNull(value, "value");
    }

    public String cell(Resource r) {
        return value.apply(r);
    }
}
