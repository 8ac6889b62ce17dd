package io.calicoj.sandbox.conformance;

/** A case file that does not follow the format (an unknown action or field, a malformed value). */
public final class CaseFormatException extends RuntimeException {
    public CaseFormatException(String message) {
        super(message);
    }
}
