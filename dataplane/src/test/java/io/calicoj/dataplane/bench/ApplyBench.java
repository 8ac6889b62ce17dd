package io.calicoj.dataplane.bench;

import io.calicoj.dataplane.Sleeper;
import io.calicoj.dataplane.api.ActivePolicyRemove;
import io.calicoj.dataplane.api.ActivePolicyUpdate;
import io.calicoj.dataplane.api.ActiveProfileRemove;
import io.calicoj.dataplane.api.ActiveProfileUpdate;
import io.calicoj.dataplane.api.DataplaneUpdate;
import io.calicoj.dataplane.api.DataplaneUpdateHandler;
import io.calicoj.dataplane.api.InSync;
import io.calicoj.dataplane.api.IpSetRemove;
import io.calicoj.dataplane.api.IpSetUpdate;
import io.calicoj.dataplane.api.ParsedRule;
import io.calicoj.dataplane.api.WorkloadEndpointRemove;
import io.calicoj.dataplane.api.WorkloadEndpointUpdate;
import io.calicoj.dataplane.linux.DataplaneConfig;
import io.calicoj.dataplane.linux.LinuxDataplaneDriver;
import io.calicoj.dataplane.testing.Messages;
import io.calicoj.dataplane.testing.NetworkNamespace;
import io.calicoj.dataplane.testing.ParsedRuleBuilder;
import io.calicoj.dataplane.testing.RecordingRunner;
import io.calicoj.dataplane.testing.SimulatedKernel;
import io.calicoj.exec.Command;
import io.calicoj.exec.CommandRunner;
import io.calicoj.model.Port;
import io.calicoj.model.Protocol;
import io.calicoj.model.felix.PolicyId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How long one {@link LinuxDataplaneDriver#apply()} takes for a node with many policies and
 * endpoints, against real iptables/ipset in a throwaway namespace (root), compared with feeding
 * the same restore input to the bare tools; then, on the simulated kernel, what taking the messages
 * and removing everything costs on the Java side. Prints numbers, asserts nothing.
 *
 * <pre>
 * mvn -q -pl dataplane -am test-compile
 * java -cp dataplane/target/classes:dataplane/target/test-classes:$(cat cp.txt) io.calicoj.dataplane.bench.ApplyBench [policies] [endpoints]
 * </pre>
 */
public final class ApplyBench {

    private ApplyBench() {
    }

    public static void main(String[] args) throws Exception {
        int policies = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int endpoints = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        List<DataplaneUpdate> messages = workload(policies, endpoints);
        System.out.printf("%d policies, %d endpoints, %d messages%n", policies, endpoints, messages.size());
        for (String backend : List.of("nft", "legacy")) {
            for (int run = 0; run < 3; run++) {
                measure(backend, messages, policies);
            }
        }
        SimulatedKernel sim = new SimulatedKernel();
        LinuxDataplaneDriver d = new LinuxDataplaneDriver(DataplaneConfig.defaults(), sim, Clock.systemUTC(), Sleeper.SYSTEM);
        messages.forEach(d::onUpdate);
        long t0 = System.nanoTime();
        d.apply();
        System.out.printf("simulated kernel (Java side only): first apply %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        measureMessages(messages);
    }

    /**
     * The Java side of taking messages (the ordering checks, the managers' bookkeeping): every
     * message into a fresh driver, then their removals in reverse dependency order and the apply
     * that deletes the chains, on the simulated kernel; the median of 20 rounds after 10 warm-up rounds.
     */
    private static void measureMessages(List<DataplaneUpdate> messages) {
        List<DataplaneUpdate> removals = removals(messages);
        List<Long> feed = new ArrayList<>();
        List<Long> remove = new ArrayList<>();
        List<Long> removeApply = new ArrayList<>();
        for (int round = 0; round < 30; round++) {
            LinuxDataplaneDriver d = new LinuxDataplaneDriver(DataplaneConfig.defaults(), new SimulatedKernel(), Clock.systemUTC(),
                    Sleeper.SYSTEM);
            long t0 = System.nanoTime();
            messages.forEach(d::onUpdate);
            long t1 = System.nanoTime();
            d.apply();
            long t2 = System.nanoTime();
            removals.forEach(d::onUpdate);
            long t3 = System.nanoTime();
            d.apply();
            long t4 = System.nanoTime();
            if (round >= 10) {
                feed.add(t1 - t0);
                remove.add(t3 - t2);
                removeApply.add(t4 - t3);
            }
        }
        System.out.printf("simulated kernel: taking the %d messages %.2f ms; taking the %d removals %.2f ms, the apply that"
                + " deletes everything %.1f ms (medians of 20)%n", messages.size(), median(feed), removals.size(), median(remove),
                median(removeApply));
    }

    private static double median(List<Long> nanos) {
        List<Long> sorted = nanos.stream().sorted().toList();
        return sorted.get(sorted.size() / 2) / 1e6;
    }

    /** Removals of everything the messages sent: endpoints, profiles, policies, IP sets. */
    private static List<DataplaneUpdate> removals(List<DataplaneUpdate> messages) {
        List<DataplaneUpdate> endpoints = new ArrayList<>();
        List<DataplaneUpdate> profiles = new ArrayList<>();
        List<DataplaneUpdate> policies = new ArrayList<>();
        List<DataplaneUpdate> sets = new ArrayList<>();
        DataplaneUpdateHandler removal = new DataplaneUpdateHandler() {
            @Override
            public void onWorkloadEndpointUpdate(WorkloadEndpointUpdate m) {
                endpoints.add(new WorkloadEndpointRemove(m.key()));
            }

            @Override
            public void onActiveProfileUpdate(ActiveProfileUpdate m) {
                profiles.add(new ActiveProfileRemove(m.name()));
            }

            @Override
            public void onActivePolicyUpdate(ActivePolicyUpdate m) {
                policies.add(new ActivePolicyRemove(m.id()));
            }

            @Override
            public void onIpSetUpdate(IpSetUpdate m) {
                sets.add(new IpSetRemove(m.id()));
            }
        };
        messages.forEach(m -> m.dispatch(removal));
        List<DataplaneUpdate> out = new ArrayList<>(endpoints);
        out.addAll(profiles);
        out.addAll(policies);
        out.addAll(sets);
        return out;
    }

    private static void measure(String backend, List<DataplaneUpdate> messages, int policies) throws Exception {
        try (NetworkNamespace ns = NetworkNamespace.create(); NetworkNamespace bare = NetworkNamespace.create()) {
            RecordingRunner recorder = new RecordingRunner(ns.runner());
            LinuxDataplaneDriver driver = new LinuxDataplaneDriver(DataplaneConfig.fromParameters(Map.of("IptablesBackend", backend)),
                    recorder, Clock.systemUTC(), Sleeper.SYSTEM);
            messages.forEach(driver::onUpdate);
            long t0 = System.nanoTime();
            driver.apply();
            long first = System.nanoTime() - t0;

            String iptablesInput = recorder.inputsOf("-restore").get(0);
            String ipsetInput = recorder.inputsOf("ipset").stream().filter(s -> !s.isEmpty()).findFirst().orElse("");
            long rules = iptablesInput.lines().filter(l -> l.startsWith("-")).count();
            long bareIpset = time(bare.runner(), Command.of("ipset", "restore", "-exist").withStdin(ipsetInput));
            String restore = backend.equals("nft") ? "iptables-nft-restore" : "iptables-legacy-restore";
            long bareIptables = time(bare.runner(), Command.of(restore, "--noflush", "--wait", "10").withStdin(iptablesInput));

            PolicyId changed = new PolicyId("default", "ns1/policy-7");
            driver.onUpdate(policy(changed, 9999));
            t0 = System.nanoTime();
            driver.apply();
            long delta = System.nanoTime() - t0;
            t0 = System.nanoTime();
            driver.apply();
            long idle = System.nanoTime() - t0;
            System.out.printf("%-6s first apply %5d ms (%d rule lines; bare %s %d ms, bare ipset restore %d ms); "
                            + "one policy changed %4d ms; nothing changed %3d ms%n",
                    backend, first / 1_000_000, rules, restore, bareIptables / 1_000_000, bareIpset / 1_000_000,
                    delta / 1_000_000, idle / 1_000_000);
        }
    }

    private static long time(CommandRunner runner, Command c) throws Exception {
        long t0 = System.nanoTime();
        runner.runOrThrow(c);
        return System.nanoTime() - t0;
    }

    private static ActivePolicyUpdate policy(PolicyId id, int port) {
        List<ParsedRule> in = List.of(
                ParsedRuleBuilder.allow().protocol(Protocol.TCP).srcIpSets(setId(id.name())).dstPorts(Port.single(port)).build(),
                ParsedRuleBuilder.allow().protocol(Protocol.UDP).srcNets("10.0.0.0/8").dstPorts(Port.single(53)).build());
        List<ParsedRule> out = List.of(ParsedRuleBuilder.allow().dstIpSets(setId(id.name())).build());
        return Messages.policy(id, in, out);
    }

    private static String setId(String name) {
        String base = ("s:" + name.replace('/', '-') + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
        return base.substring(0, 40);
    }

    static List<DataplaneUpdate> workload(int policies, int endpoints) {
        List<DataplaneUpdate> m = new ArrayList<>();
        List<PolicyId> ids = new ArrayList<>();
        for (int p = 0; p < policies; p++) {
            PolicyId id = new PolicyId("default", "ns1/policy-" + p);
            ids.add(id);
            String[] members = new String[20];
            for (int i = 0; i < members.length; i++) {
                members[i] = "10.66." + (p % 250) + "." + (i + 1);
            }
            m.add(new IpSetUpdate(setId(id.name()), io.calicoj.dataplane.api.IpSetType.IP, Messages.ipSet("x", members).members()));
            m.add(policy(id, 1000 + p));
        }
        m.add(Messages.allowAllProfile("ns1"));
        for (int e = 0; e < endpoints; e++) {
            String iface = String.format("cali%011x", e);
            List<PolicyId> in = List.of(ids.get(e % policies), ids.get((e * 7 + 1) % policies));
            List<PolicyId> out = List.of(ids.get(e % policies));
            WorkloadEndpointUpdate w = Messages.workload("ns1", "pod-" + e, iface, "10.65." + (e / 250) + "." + (e % 250 + 1), in, out);
            m.add(w);
        }
        m.add(new InSync());
        return m;
    }
}
