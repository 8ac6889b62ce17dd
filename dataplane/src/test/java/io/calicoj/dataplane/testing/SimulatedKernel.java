package io.calicoj.dataplane.testing;

import io.calicoj.exec.Command;
import io.calicoj.exec.CommandResult;
import io.calicoj.exec.CommandRunner;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link CommandRunner} that answers the kernel tools the dataplane runs from simulated state:
 * {@code iptables-nft-*} and {@code iptables-*} ({@link #nft()}), {@code iptables-legacy-*}
 * ({@link #legacy()}), {@code ipset} ({@link #ipset()}), {@code ip} and {@code sysctl}
 * ({@link #links()}). Rules may only refer to existing IP sets and a set referenced by a rule of
 * either backend cannot be destroyed. When the legacy ruleset has tables, the nft save output
 * carries iptables' "# Warning: iptables-legacy tables present" line. Every command is recorded.
 */
public final class SimulatedKernel implements CommandRunner {

    private final SimulatedIpset ipset = new SimulatedIpset();
    private final SimulatedIptables nft = new SimulatedIptables("iptables-nft-restore", ipset::exists);
    private final SimulatedIptables legacy = new SimulatedIptables("iptables-legacy-restore", ipset::exists);
    private final SimulatedLinks links = new SimulatedLinks();
    private final List<Command> commands = new ArrayList<>();

    public SimulatedKernel() {
        ipset.setReferenceCounter(name -> nft.setReferences(name) + legacy.setReferences(name));
    }

    public SimulatedIptables nft() {
        return nft;
    }

    public SimulatedIptables legacy() {
        return legacy;
    }

    public SimulatedIpset ipset() {
        return ipset;
    }

    public SimulatedLinks links() {
        return links;
    }

    /** Every command run so far. */
    public List<Command> commands() {
        return List.copyOf(commands);
    }

    /** Commands whose program is {@code program}. */
    public List<Command> commands(String program) {
        return commands.stream().filter(c -> c.program().equals(program)).toList();
    }

    public void clearCommands() {
        commands.clear();
    }

    @Override
    public CommandResult run(Command command) {
        commands.add(command);
        switch (command.program()) {
            case "iptables-restore":
            case "iptables-nft-restore":
                return nft.restore(command);
            case "iptables-legacy-restore":
                return legacy.restore(command);
            case "iptables-save":
            case "iptables-nft-save": {
                CommandResult r = nft.save(command);
                if (legacy.hasTables()) {
                    String warn = "# Warning: iptables-legacy tables present, use iptables-legacy-save to see them\n";
                    return new CommandResult(command, 0, r.stdout() + warn, "");
                }
                return r;
            }
            case "iptables-legacy-save":
                return legacy.save(command);
            case "ipset":
                return ipset.run(command);
            case "ip":
                return links.ip(command);
            case "sysctl":
                return links.sysctl(command);
            default:
                return new CommandResult(command, 127, "", command.program() + ": command not found\n");
        }
    }
}
