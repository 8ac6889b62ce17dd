package io.calicoj.dataplane.api;

import java.util.Collection;

/**
 * Told, after every apply that succeeded, which local workload endpoints have their chains in the
 * kernel (their policy, or a fail-closed drop): Felix's endpoint status "up". The agent writes
 * Calico's endpoint status files from it, which the CNI plugin waits for. Called on the dataplane's
 * thread; never before {@link InSync}.
 */
@FunctionalInterface
public interface EndpointStatusListener {

    /** Does nothing. */
    EndpointStatusListener NONE = endpoints -> { };

    /**
     * @param programmed every workload endpoint now programmed, as it was programmed (an endpoint
     *                   missing here is not programmed, or gone)
     */
    void programmed(Collection<WorkloadEndpointUpdate> programmed);
}
