package io.calicoj.sandbox.net;

import io.calicoj.exec.Command;
import io.calicoj.exec.CommandFailedException;
import io.calicoj.exec.CommandResult;
import io.calicoj.exec.CommandRunner;
import io.calicoj.exec.NetnsCommandRunner;
import java.util.ArrayList;
import java.util.List;

/** Network namespace plumbing with iproute2 ({@code ip netns}, {@code ip -n}), through a {@link CommandRunner}. */
public final class Netns {

    private final CommandRunner runner;

    public Netns(CommandRunner runner) {
        this.runner = runner;
    }

    public void create(String name) throws CommandFailedException {
        runner.runOrThrow(Command.of("ip", "netns", "add", name));
        ip(name, "link", "set", "lo", "up");
    }

    /** Deletes the namespace if it exists; its links, routes, rules and sets go with it. */
    public void deleteIfPresent(String name) throws CommandFailedException {
        if (list().contains(name)) {
            CommandResult r = runner.run(Command.of("ip", "netns", "delete", name));
            if (!r.succeeded() && list().contains(name)) {
                r.orThrow();
            }
        }
    }

    public List<String> list() throws CommandFailedException {
        List<String> names = new ArrayList<>();
        for (String line : runner.runOrThrow(Command.of("ip", "netns", "list")).stdout().split("\n")) {
            if (!line.isBlank()) {
                names.add(line.trim().split("\\s+")[0]);
            }
        }
        return names;
    }

    /** {@code ip -n <ns> <args…>}, failing on a non-zero exit. */
    public CommandResult ip(String ns, String... args) throws CommandFailedException {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", ns));
        argv.addAll(List.of(args));
        return runner.runOrThrow(Command.of(argv));
    }

    /** A veth pair with one end in each namespace, both up. */
    public void veth(String ns1, String name1, String ns2, String name2) throws CommandFailedException {
        ip(ns1, "link", "add", name1, "type", "veth", "peer", "name", name2, "netns", ns2);
        ip(ns1, "link", "set", name1, "up");
        ip(ns2, "link", "set", name2, "up");
    }

    /** Writes a sysctl inside the namespace. */
    public void sysctl(String ns, String key, String value) throws CommandFailedException {
        exec(ns, List.of("sysctl", "-q", "-w", key + "=" + value));
    }

    /** Runs a command inside the namespace ({@code ip netns exec}), failing on a non-zero exit. */
    public CommandResult exec(String ns, List<String> argv) throws CommandFailedException {
        return in(ns).runOrThrow(Command.of(argv));
    }

    /** A runner whose commands run inside the namespace. */
    public CommandRunner in(String ns) {
        return new NetnsCommandRunner(runner, ns);
    }
}
