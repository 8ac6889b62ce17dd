package io.calicoj.exec;

import java.util.List;
import java.util.Objects;

/**
 * Runs every command inside a named network namespace ({@code ip netns exec <name> …}): the same
 * iptables/ipset code then programs a "node" namespace instead of the machine's own.
 * {@link #inNamespace} is the one place that spells the hop, also for processes that are launched
 * rather than run ({@link Launch}).
 */
public final class NetnsCommandRunner implements CommandRunner {

    private final CommandRunner delegate;
    private final String namespace;

    public NetnsCommandRunner(CommandRunner delegate, String namespace) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
    }

    @Override
    public CommandResult run(Command command) throws CommandFailedException {
        return delegate.run(inNamespace(namespace, command));
    }

    /** The same command, run inside the named network namespace (stdin and environment unchanged). */
    public static Command inNamespace(String namespace, Command command) {
        return command.prefixedWith(List.of("ip", "netns", "exec", Objects.requireNonNull(namespace, "namespace")));
    }
}
