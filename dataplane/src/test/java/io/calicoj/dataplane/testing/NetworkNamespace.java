package io.calicoj.dataplane.testing;

import io.calicoj.exec.Command;
import io.calicoj.exec.CommandFailedException;
import io.calicoj.exec.CommandResult;
import io.calicoj.exec.CommandRunner;
import io.calicoj.exec.NetnsCommandRunner;
import io.calicoj.exec.ProcessCommandRunner;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * A throwaway network namespace named {@code cj<6 random chars>} (root needed): its own iptables
 * rulesets and IP sets, so real tools can be tested without touching the machine's firewall.
 * {@link #close()} deletes it.
 */
public final class NetworkNamespace implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final CommandRunner HOST = new ProcessCommandRunner(Duration.ofSeconds(60));

    private final String name;
    private final CommandRunner runner;

    private NetworkNamespace(String name) {
        this.name = name;
        this.runner = new NetnsCommandRunner(HOST, name);
    }

    /** A unique name with our prefix, e.g. {@code cjx3k9qa}. */
    public static String uniqueName(String prefix) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(prefix);
        for (int i = 0; i < 6; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    public static NetworkNamespace create() {
        return create(uniqueName("cj"));
    }

    public static NetworkNamespace create(String name) {
        host("ip", "netns", "add", name);
        NetworkNamespace ns = new NetworkNamespace(name);
        ns.run("ip", "link", "set", "lo", "up");
        return ns;
    }

    public String name() {
        return name;
    }

    /** Runs commands inside the namespace. */
    public CommandRunner runner() {
        return runner;
    }

    /** Runs a command in the namespace and requires success. */
    public CommandResult run(String... argv) {
        try {
            return runner.runOrThrow(Command.of(argv));
        } catch (CommandFailedException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Runs a command on the host (not in a namespace) and requires success. */
    public static CommandResult host(String... argv) {
        try {
            return HOST.runOrThrow(Command.of(argv));
        } catch (CommandFailedException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            HOST.run(Command.of("ip", "netns", "delete", name));
        } catch (CommandFailedException e) {
            throw new IllegalStateException("could not delete network namespace " + name + ": " + e.getMessage(), e);
        }
    }
}
