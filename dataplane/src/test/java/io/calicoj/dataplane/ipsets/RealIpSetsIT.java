package io.calicoj.dataplane.ipsets;

import io.calicoj.dataplane.testing.NetworkNamespace;
import io.calicoj.exec.CommandRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The {@link IpSetsContract} against the real {@code ipset} in a throwaway network namespace (root). */
class RealIpSetsIT extends IpSetsContract {

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
}
