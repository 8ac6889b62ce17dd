package io.calicoj.datastore.client;

import io.calicoj.model.ResourceKey;
import java.util.Objects;

/**
 * A datastore operation failed. The subclasses carry Calico's error kinds and print Calico's
 * messages (libcalico-go {@code lib/errors}), e.g.
 * {@code operation Apply is not supported on NetworkPolicy(x/knp.default.deny): kubernetes network policies must be managed through the kubernetes API}.
 */
public abstract sealed class DatastoreException extends Exception {

    protected DatastoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The operation cannot be done on this resource in this datastore; nothing was changed. */
    public static final class OperationNotSupported extends DatastoreException {
        private final String operation;
        private final ResourceKey key;

        public OperationNotSupported(String operation, ResourceKey key, String reason) {
            super("operation " + operation + " is not supported on " + key + (reason.isEmpty() ? "" : ": " + reason), null);
            this.operation = Objects.requireNonNull(operation);
            this.key = Objects.requireNonNull(key);
        }

        public String operation() {
            return operation;
        }

        public ResourceKey key() {
            return key;
        }
    }

    public static final class ResourceDoesNotExist extends DatastoreException {
        private final ResourceKey key;

        public ResourceDoesNotExist(ResourceKey key) {
            super("resource does not exist: " + key, null);
            this.key = key;
        }

        public ResourceKey key() {
            return key;
        }
    }

    public static final class ResourceAlreadyExists extends DatastoreException {
        private final ResourceKey key;

        public ResourceAlreadyExists(ResourceKey key) {
            super("resource already exists: " + key, null);
            this.key = key;
        }

        public ResourceKey key() {
            return key;
        }
    }

    public static final class UpdateConflict extends DatastoreException {
        public UpdateConflict(ResourceKey key, String detail) {
            super("update conflict: " + key + (detail.isEmpty() ? "" : ": " + detail), null);
        }
    }

    /** The datastore refused our credentials (HTTP 401/403). */
    public static final class ConnectionUnauthorized extends DatastoreException {
        public ConnectionUnauthorized(String detail, Throwable cause) {
            super("connection is unauthorized: " + detail, cause);
        }
    }

    /** Anything else: unreachable, timed out, an unexpected answer. */
    public static final class DatastoreError extends DatastoreException {
        public DatastoreError(String detail, Throwable cause) {
            super(detail, cause);
        }
    }
}
