package io.calicoj.dataplane.iptables;

import io.calicoj.dataplane.testing.NamespaceExtension;
import io.calicoj.exec.CommandRunner;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link IptablesTableContract} against the real {@code iptables-nft} in a throwaway network namespace (root). */
class RealNftTableIT extends IptablesTableContract {

    @RegisterExtension
    final NamespaceExtension ns = new NamespaceExtension();

    @Override
    protected CommandRunner runner() {
        return ns.runner();
    }

    @Override
    protected IptablesBackend backend() {
        return IptablesBackend.NFT;
    }
}
