package io.calicoj.dataplane.api;

/**
 * A message broke the ordering contract of {@link DataplaneUpdate} (a delta to a set never sent,
 * an endpoint listing a policy never sent, a policy removed while an endpoint still lists it …):
 * a bug in the sender, reported instead of programming a kernel state that cannot be right.
 * Thrown by {@link DataplaneContract}; the refused message has changed nothing.
 */
public class DataplaneContractException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public DataplaneContractException(String message) {
        super(message);
    }
}
