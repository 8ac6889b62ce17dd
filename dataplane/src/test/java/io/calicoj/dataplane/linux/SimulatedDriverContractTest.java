package io.calicoj.dataplane.linux;

import io.calicoj.dataplane.api.DataplaneDriver;
import io.calicoj.dataplane.api.DataplaneDriverContract;
import io.calicoj.dataplane.testing.ManualClock;
import io.calicoj.dataplane.testing.RecordingSleeper;
import io.calicoj.dataplane.testing.SimulatedKernel;

/** The {@link DataplaneDriverContract} against {@link LinuxDataplaneDriver} on the simulated kernel tools. */
class SimulatedDriverContractTest extends DataplaneDriverContract {

    @Override
    protected DataplaneDriver newDriver() {
        return new LinuxDataplaneDriver(DataplaneConfig.defaults(), new SimulatedKernel(), new ManualClock(), new RecordingSleeper());
    }
}
