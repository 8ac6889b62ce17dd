package io.calicoj.cli;

/** The configured datastore type exists in Calico but this build of Calico/J cannot use it. */
public final class UnsupportedDatastoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnsupportedDatastoreException(String message) {
        super(message);
    }
}
