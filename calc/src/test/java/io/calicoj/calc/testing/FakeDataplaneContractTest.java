package io.calicoj.calc.testing;

import io.calicoj.dataplane.api.DataplaneDriver;
import io.calicoj.dataplane.api.DataplaneDriverContract;

/** The fake the calculation graph's tests check its output with keeps the ordering contract as the Linux dataplane does. */
class FakeDataplaneContractTest extends DataplaneDriverContract {

    @Override
    protected DataplaneDriver newDriver() {
        return new FakeDataplane();
    }
}
