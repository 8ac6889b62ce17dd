package io.calicoj.dataplane.iptables;

import io.calicoj.dataplane.testing.NamespaceExtension;
import io.calicoj.exec.Command;
import io.calicoj.exec.CommandRunner;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link TableStandInsContract} against real {@code iptables-nft} and {@code iptables-legacy} in a
 * throwaway network namespace (root). The kernel's refusal is real: a rule commented as refused gets
 * the target {@code MASQUERADE}, which only the nat table allows (nft then names the rule's line and
 * chain; legacy fails the COMMIT line).
 */
class RealTableStandInsIT extends TableStandInsContract {

    @RegisterExtension
    final NamespaceExtension ns = new NamespaceExtension();

    @Override
    protected CommandRunner refusingRunner(IptablesBackend backend) {
        return c -> ns.runner().run(c.program().endsWith("-restore") ? masqueradeRefused(c) : c);
    }

    private static Command masqueradeRefused(Command c) {
        String input = Arrays.stream(c.stdin().split("\n", -1))
                .map(line -> line.contains(REFUSED) ? line.replaceFirst(" --jump .*$", " --jump MASQUERADE") : line)
                .collect(Collectors.joining("\n"));
        return c.withStdin(input);
    }
}
