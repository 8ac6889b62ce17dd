package io.calicoj.model;

import java.util.Objects;

/**
 * A resource field has a value Calico does not accept. The message always names the field (as a
 * path such as {@code spec.ingress[0].source.nets[1]}) and the offending value, and, once a caller
 * that knows it has added it with {@link #forObject}, the object (e.g. {@code NetworkPolicy x/deny}).
 */
public final class InvalidResourceException extends IllegalArgumentException {

    private final String object;
    private final String field;
    private final String value;
    private final String reason;

    public InvalidResourceException(String field, Object value, String reason) {
        this("", field, String.valueOf(value), reason);
    }

    private InvalidResourceException(String object, String field, String value, String reason) {
        super(format(object, field, value, reason));
        this.object = object;
        this.field = Objects.requireNonNull(field, "field");
        this.value = value;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    private static String format(String object, String field, String value, String reason) {
        String where = object.isEmpty() ? "" : object + ": ";
        return where + field + ": invalid value \"" + value + "\": " + reason;
    }

    /** The same error for a field nested one level deeper: {@code within("spec")} turns {@code order} into {@code spec.order}. */
    public InvalidResourceException within(String parentPath) {
        String path = field.isEmpty() ? parentPath
                : field.startsWith("[") ? parentPath + field : parentPath + "." + field;
        InvalidResourceException e = new InvalidResourceException(object, path, value, reason);
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** The same error attributed to an object, e.g. {@code forObject("NetworkPolicy x/deny")}. */
    public InvalidResourceException forObject(String objectDescription) {
        InvalidResourceException e = new InvalidResourceException(objectDescription, field, value, reason);
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** The object this error is about, e.g. {@code NetworkPolicy x/deny}; empty until {@link #forObject} was called. */
    public String object() {
        return object;
    }

    public String field() {
        return field;
    }

    public String value() {
        return value;
    }

    public String reason() {
        return reason;
    }
}
