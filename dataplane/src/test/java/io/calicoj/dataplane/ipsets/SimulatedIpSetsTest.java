package io.calicoj.dataplane.ipsets;

import io.calicoj.dataplane.testing.SimulatedKernel;
import io.calicoj.exec.CommandRunner;

class SimulatedIpSetsTest extends IpSetsContract {

    private final SimulatedKernel kernel = new SimulatedKernel();

    @Override
    protected CommandRunner runner() {
        return kernel;
    }
}
