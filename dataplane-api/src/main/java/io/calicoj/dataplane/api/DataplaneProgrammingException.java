package io.calicoj.dataplane.api;

/**
 * Writing to the kernel kept failing after every retry. Carries the exact input of the last
 * attempt and the kernel state read after it, so that the failure can be reproduced by hand.
 * Felix panics (and is restarted) at this point; the agent decides what to do.
 */
public class DataplaneProgrammingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String input;
    private final String kernelState;

    public DataplaneProgrammingException(String message, String input, String kernelState, Throwable cause) {
        super(message, cause);
        this.input = input;
        this.kernelState = kernelState;
    }

    /** What was fed to the restore command on the last attempt. */
    public String input() {
        return input;
    }

    /** The kernel state read after the last failure ({@code iptables-save} / {@code ipset list -t}). */
    public String kernelState() {
        return kernelState;
    }
}
