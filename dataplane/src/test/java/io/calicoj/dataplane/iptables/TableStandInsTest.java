package io.calicoj.dataplane.iptables;

import io.calicoj.dataplane.testing.SimulatedKernel;
import io.calicoj.exec.CommandRunner;

/** The {@link TableStandInsContract} against the simulated iptables of either backend. */
class TableStandInsTest extends TableStandInsContract {

    @Override
    protected CommandRunner refusingRunner(IptablesBackend backend) {
        SimulatedKernel kernel = new SimulatedKernel();
        (backend == IptablesBackend.NFT ? kernel.nft() : kernel.legacy()).refuseRules(r -> r.contains(REFUSED));
        return kernel;
    }
}
