package io.calicoj.dataplane.iptables;

import io.calicoj.dataplane.testing.SimulatedKernel;
import io.calicoj.exec.CommandRunner;

class SimulatedNftTableTest extends IptablesTableContract {

    private final SimulatedKernel kernel = new SimulatedKernel();

    @Override
    protected CommandRunner runner() {
        return kernel;
    }

    @Override
    protected IptablesBackend backend() {
        return IptablesBackend.NFT;
    }
}
