package io.calicoj.dataplane.testing;

import io.calicoj.exec.CommandRunner;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh {@link NetworkNamespace} for each test, deleted afterwards even when the test fails
 * ({@code @RegisterExtension}); it exists before any {@code @BeforeEach} method runs.
 */
public final class NamespaceExtension implements BeforeEachCallback, AfterEachCallback {

    private NetworkNamespace ns;

    @Override
    public void beforeEach(ExtensionContext context) {
        ns = NetworkNamespace.create();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (ns != null) {
            ns.close();
            ns = null;
        }
    }

    public NetworkNamespace namespace() {
        return ns;
    }

    public CommandRunner runner() {
        return ns.runner();
    }
}
