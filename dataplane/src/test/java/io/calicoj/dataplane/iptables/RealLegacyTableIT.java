package io.calicoj.dataplane.iptables;

import io.calicoj.dataplane.testing.NetworkNamespace;
import io.calicoj.exec.CommandRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The {@link IptablesTableContract} against the real {@code iptables-legacy} in a throwaway network namespace (root). */
class RealLegacyTableIT extends IptablesTableContract {

    private NetworkNamespace ns;

    @BeforeEach
    void createNamespace() {
        ns = NetworkNamespace.create();
    }

    @AfterEach
    void deleteNamespace() {
        if (ns != null) {
            ns.close();
        }
    }

    @Override
    protected CommandRunner runner() {
        return ns.runner();
    }

    @Override
    protected IptablesBackend backend() {
        return IptablesBackend.LEGACY;
    }
}
