package io.calicoj.datastore.config;

import java.util.Locale;

/** {@code DATASTORE_TYPE}. */
public enum DatastoreType {
    KUBERNETES("kubernetes"),
    ETCDV2("etcdv2");

    private final String value;

    DatastoreType(String value) {
        this.value = value;
    }

    public static DatastoreType parse(String field, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (DatastoreType d : values()) {
            if (d.value.equals(t)) {
                return d;
            }
        }
        throw new ConfigException(field + ": invalid value \"" + text + "\": must be kubernetes or etcdv2");
    }

    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
