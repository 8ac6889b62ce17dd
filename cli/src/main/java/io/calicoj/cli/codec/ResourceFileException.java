package io.calicoj.cli.codec;

/**
 * A resource file cannot be used: it is not valid YAML/JSON, or a document in it is not a valid
 * Calico resource. The message names the file, the document, the field and the value.
 */
public final class ResourceFileException extends Exception {

    private static final long serialVersionUID = 1L;

    public ResourceFileException(String message) {
        super(message);
    }

    public ResourceFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
