package io.calicoj.dataplane.linux;

import io.calicoj.dataplane.Sleeper;
import io.calicoj.dataplane.api.DataplaneDriver;
import io.calicoj.dataplane.api.DataplaneDriverContract;
import io.calicoj.dataplane.testing.NamespaceExtension;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link DataplaneDriverContract} against {@link LinuxDataplaneDriver} programming real iptables
 * and ipset in a throwaway node network namespace (root); one subclass per iptables backend.
 */
abstract class RealDriverContract extends DataplaneDriverContract {

    @RegisterExtension
    final NamespaceExtension node = new NamespaceExtension();

    /** {@code nft} or {@code legacy}. */
    abstract String backend();

    @Override
    protected DataplaneDriver newDriver() {
        return new LinuxDataplaneDriver(DataplaneConfig.fromParameters(Map.of("IptablesBackend", backend())), node.runner(),
                Clock.systemUTC(), Sleeper.SYSTEM);
    }
}
