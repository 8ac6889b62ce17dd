package io.calicoj.datastore.kubernetes;

import io.calicoj.model.ObjectMeta;
import io.calicoj.model.Resource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A 128-bit digest (SHA-256, truncated) of a Calico resource's content, ignoring
 * {@code metadata.resourceVersion}: what the syncer keeps per object instead of the object, to
 * tell a real change from a new revision of the same value (a pod's status heartbeat, an
 * annotation Calico does not use). Maps are digested in key order, so two equal values always
 * have the same fingerprint.
 */
record Fingerprint(long high, long low) {

    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            return type.getRecordComponents();
        }
    };

    /** The fingerprint of {@code resource}'s content apart from its resource version. */
    static Fingerprint of(Resource resource) {
        MessageDigest digest = sha256();
        write(digest, resource);
        ByteBuffer hash = ByteBuffer.wrap(digest.digest());
        return new Fingerprint(hash.getLong(), hash.getLong());
    }

    private static void write(MessageDigest d, Object value) {
        if (value == null) {
            d.update((byte) 'N');
        } else if (value instanceof String s) {
            d.update((byte) 'S');
            bytes(d, s);
        } else if (value instanceof ObjectMeta m) {
            writeRecord(d, m.withResourceVersion(""));
        } else if (value instanceof Record r) {
            writeRecord(d, r);
        } else if (value instanceof Enum<?> e) {
            d.update((byte) 'E');
            bytes(d, e.name());
        } else if (value instanceof Map<?, ?> map) {
            d.update((byte) 'M');
            integer(d, map.size());
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            entries.sort((a, b) -> String.valueOf(a.getKey()).compareTo(String.valueOf(b.getKey())));
            for (Map.Entry<?, ?> e : entries) {
                write(d, e.getKey());
                write(d, e.getValue());
            }
        } else if (value instanceof Collection<?> c) {
            d.update((byte) 'L');
            integer(d, c.size());
            for (Object o : c) {
                write(d, o);
            }
        } else {
            // Numbers, booleans and value classes with a canonical text (e.g. SelectorExpression).
            d.update((byte) 'V');
            bytes(d, value.getClass().getName());
            bytes(d, value.toString());
        }
    }

    private static void writeRecord(MessageDigest d, Record r) {
        d.update((byte) 'R');
        bytes(d, r.getClass().getName());
        for (RecordComponent c : COMPONENTS.get(r.getClass())) {
            try {
                write(d, c.getAccessor().invoke(r));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + r.getClass().getName() + "." + c.getName(), e);
            }
        }
    }

    private static void bytes(MessageDigest d, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        integer(d, b.length);
        d.update(b);
    }

    private static void integer(MessageDigest d, int i) {
        d.update((byte) (i >>> 24));
        d.update((byte) (i >>> 16));
        d.update((byte) (i >>> 8));
        d.update((byte) i);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
