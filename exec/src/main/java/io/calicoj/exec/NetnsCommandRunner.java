package io.calicoj.exec;

import java.util.List;
import java.util.Objects;

/**
 * Runs every command inside a named network namespace ({@code ip netns exec <name> …}): the same
 * iptables/ipset code then programs a "node" namespace instead of the machine's own.
 */
public final class NetnsCommandRunner implements CommandRunner {

    private final CommandRunner delegate;
    private final List<String> prefix;

    public NetnsCommandRunner(CommandRunner delegate, String namespace) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(namespace, "namespace");
        this.prefix = List.of("ip", "netns", "exec", namespace);
    }

    @Override
    public CommandResult run(Command command) throws CommandFailedException {
        return delegate.run(command.prefixedWith(prefix));
    }
}
