package io.calicoj.dataplane.ipsets;

import io.calicoj.dataplane.testing.NamespaceExtension;
import io.calicoj.exec.CommandRunner;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link IpSetsContract} against the real {@code ipset} in a throwaway network namespace (root). */
class RealIpSetsIT extends IpSetsContract {

    @RegisterExtension
    final NamespaceExtension ns = new NamespaceExtension();

    @Override
    protected CommandRunner runner() {
        return ns.runner();
    }
}
