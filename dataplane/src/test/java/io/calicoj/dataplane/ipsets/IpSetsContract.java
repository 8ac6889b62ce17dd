package io.calicoj.dataplane.ipsets;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.dataplane.api.IpSetMember;
import io.calicoj.dataplane.api.IpSetType;
import io.calicoj.dataplane.testing.ManualClock;
import io.calicoj.dataplane.api.DataplaneProblem;
import io.calicoj.dataplane.testing.RecordingProblems;
import io.calicoj.dataplane.testing.RecordingRunner;
import io.calicoj.dataplane.testing.RecordingSleeper;
import io.calicoj.exec.Command;
import io.calicoj.exec.CommandFailedException;
import io.calicoj.exec.CommandResult;
import io.calicoj.exec.CommandRunner;
import io.calicoj.model.IpAddress;
import io.calicoj.model.Protocol;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link IpSets} promises against an ipset implementation, run against the simulated tool and
 * the real {@code ipset} in a throwaway network namespace. A rule referring to a set is added with
 * {@code iptables-restore}, as the filter table would.
 */
public abstract class IpSetsContract {

    protected abstract CommandRunner runner();

    /** The restore command of the iptables backend used to refer to sets. */
    protected String iptablesRestore() {
        return "iptables-nft-restore";
    }

    static final String WEB = "s:webwebwebwebwebwebwebwebwebwebwebwebweb";
    static final String DB = "s:dbdbdbdbdbdbdbdbdbdbdbdbdbdbdbdbdbdbdbdb";
    static final String HTTP = "n:httphttphttphttphttphttphttphttphttphttp";

    protected ManualClock clock;
    protected RecordingRunner recorder;
    protected RecordingProblems problems;
    protected IpSets sets;

    @BeforeEach
    void createSets() {
        clock = new ManualClock();
        recorder = new RecordingRunner(c -> runner().run(c));
        problems = new RecordingProblems();
        sets = new IpSets(4, recorder, clock, new RecordingSleeper(), IpSets.Options.defaults(), problems, true);
    }

    static IpSetMember ip(String a) {
        return new IpSetMember.Address(IpAddress.parse(a));
    }

    static List<IpSetMember> ips(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> ip("10.0." + (i / 250) + "." + (i % 250 + 1))).toList();
    }

    protected Map<String, SavedIpSets.SavedSet> kernel() {
        return SavedIpSets.parse(run("ipset", "save").stdout());
    }

    protected Set<String> members(String id) {
        SavedIpSets.SavedSet s = kernel().get(sets.nameFor(id));
        return s == null ? null : s.members();
    }

    protected CommandResult run(String... argv) {
        try {
            return runner().runOrThrow(Command.of(argv));
        } catch (CommandFailedException e) {
            throw new AssertionError(e);
        }
    }

    /** An iptables rule refers to the set, so the kernel will not let it be destroyed. */
    protected void referFromIptables(String setName, boolean add) {
        String input = "*filter\n" + (add ? ":cali-uses - [0:0]\n-A cali-uses -m set --match-set " + setName + " src -j ACCEPT\n"
                : "-F cali-uses\n-X cali-uses\n") + "COMMIT\n";
        try {
            CommandResult r = runner().run(Command.of(iptablesRestore(), "--noflush").withStdin(input));
            assertThat(r.succeeded()).as(r.stderr()).isTrue();
        } catch (CommandFailedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void createsSetsOfEachTypeFromEmpty() {
        sets.replace(WEB, IpSetType.IP, List.of(ip("10.0.0.1"), ip("10.0.0.2"), ip("fd00::1")));
        sets.replace(HTTP, IpSetType.IP_PORT, List.of(new IpSetMember.AddressPort(IpAddress.parse("10.0.0.1"), Protocol.TCP, 8080)));
        sets.replace(DB, IpSetType.NET, List.of(new IpSetMember.Network(io.calicoj.model.Cidr.parse("10.1.0.7/16")),
                new IpSetMember.Network(io.calicoj.model.Cidr.parse("10.2.0.1/32"))));
        sets.applyUpdates();
        assertThat(members(WEB)).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
        assertThat(members(HTTP)).containsExactly("10.0.0.1,tcp:8080");
        assertThat(members(DB)).containsExactlyInAnyOrder("10.1.0.0/16", "10.2.0.1");
        SavedIpSets.Header h = kernel().get(sets.nameFor(WEB)).header();
        assertThat(sets.nameFor(WEB)).isEqualTo("cali40s:webwebwebwebwebwebwebwe");
        assertThat(h).isEqualTo(new SavedIpSets.Header("hash:ip", "inet", 1_048_576));
        assertThat(kernel().get(sets.nameFor(HTTP)).header().type()).isEqualTo("hash:ip,port");
    }

    @Test
    void smallChangesAreWrittenAsDeltas() {
        sets.replace(WEB, IpSetType.IP, ips(1, 50));
        sets.applyUpdates();
        recorder.clear();
        sets.addMembers(WEB, List.of(ip("10.9.9.9")));
        sets.removeMembers(WEB, List.of(ip("10.0.0.2")));
        sets.applyUpdates();
        String input = String.join("", recorder.inputsOf("ipset"));
        assertThat(input.strip().split("\n")).containsExactly("del " + sets.nameFor(WEB) + " 10.0.0.2",
                "add " + sets.nameFor(WEB) + " 10.9.9.9", "COMMIT");
        assertThat(members(WEB)).hasSize(50).contains("10.9.9.9").doesNotContain("10.0.0.2");
    }

    @Test
    void aLargeReplacementIsSwappedInWhileARuleUsesTheSet() {
        sets.replace(WEB, IpSetType.IP, ips(1, 20));
        sets.applyUpdates();
        referFromIptables(sets.nameFor(WEB), true);
        recorder.clear();
        sets.replace(WEB, IpSetType.IP, ips(100, 130));
        sets.applyUpdates();
        String input = String.join("", recorder.inputsOf("ipset"));
        assertThat(input).contains("create cali4t0 hash:ip family inet maxelem 1048576")
                .contains("swap " + sets.nameFor(WEB) + " cali4t0").contains("destroy cali4t0");
        assertThat(members(WEB)).isEqualTo(ips(100, 130).stream().map(Object::toString).collect(Collectors.toSet()));
        assertThat(kernel()).doesNotContainKey("cali4t0");
        referFromIptables(sets.nameFor(WEB), false);
    }

    @Test
    void aSetWithAnotherMaxelemIsRewrittenBySwap() {
        sets.replace(WEB, IpSetType.IP, ips(1, 3));
        sets.applyUpdates();
        IpSets bigger = new IpSets(4, recorder, clock, new RecordingSleeper(),
                new IpSets.Options(Duration.ofSeconds(90), 2_000_000, IpSets.Options.defaults().writeRetries(),
                        IpSets.Options.defaults().readRetries()));
        bigger.replace(WEB, IpSetType.IP, ips(1, 3));
        bigger.applyUpdates();
        assertThat(kernel().get(sets.nameFor(WEB)).header().maxElements()).isEqualTo(2_000_000);
        assertThat(members(WEB)).hasSize(3);
    }

    @Test
    void aRemovedSetIsDestroyedOnlyOnceNoRuleRefersToIt() {
        sets.replace(WEB, IpSetType.IP, ips(1, 3));
        sets.applyUpdates();
        referFromIptables(sets.nameFor(WEB), true);
        sets.remove(WEB);
        sets.applyUpdates();
        sets.applyDeletions();
        assertThat(members(WEB)).isNotNull();
        assertThat(sets.pendingDeletions()).containsExactly(sets.nameFor(WEB));
        referFromIptables(sets.nameFor(WEB), false);
        sets.applyDeletions();
        assertThat(members(WEB)).isNull();
        assertThat(sets.pendingDeletions()).isEmpty();
    }

    @Test
    void driftIsRepairedOnTheRefreshTimer() {
        sets.replace(WEB, IpSetType.IP, ips(1, 5));
        sets.applyUpdates();
        run("ipset", "del", sets.nameFor(WEB), "10.0.0.2");
        run("ipset", "add", sets.nameFor(WEB), "10.6.6.6");
        clock.advance(Duration.ofSeconds(89));
        assertThat(sets.applyUpdates()).isEqualTo(Duration.ofSeconds(1));
        assertThat(members(WEB)).contains("10.6.6.6");
        clock.advance(Duration.ofSeconds(1));
        sets.applyUpdates();
        assertThat(members(WEB)).isEqualTo(ips(1, 5).stream().map(Object::toString).collect(Collectors.toSet()));
    }

    @Test
    void staleSetsWithOurPrefixAreDestroyedAndOthersAreLeftAlone() {
        run("ipset", "create", "cali40s:stale", "hash:ip", "family", "inet");
        run("ipset", "create", "cali4t3", "hash:ip", "family", "inet");
        run("ipset", "create", "KUBE-NODE-PORT", "hash:ip", "family", "inet");
        sets.replace(WEB, IpSetType.IP, ips(1, 2));
        sets.applyUpdates();
        sets.applyDeletions();
        assertThat(kernel()).containsKey(sets.nameFor(WEB)).containsKey("KUBE-NODE-PORT")
                .doesNotContainKey("cali40s:stale").doesNotContainKey("cali4t3");
        run("ipset", "destroy", "KUBE-NODE-PORT");
    }

    @Test
    void emptyingASetFlushesIt() {
        sets.replace(WEB, IpSetType.IP, ips(1, 5));
        sets.applyUpdates();
        sets.replace(WEB, IpSetType.IP, List.of());
        sets.applyUpdates();
        assertThat(members(WEB)).isEmpty();
    }

    // Members the kernel refuses.

    static IpSetMember net(String cidr) {
        return new IpSetMember.Network(io.calicoj.model.Cidr.parse(cidr));
    }

    static IpSetMember port(String address) {
        return new IpSetMember.AddressPort(IpAddress.parse(address), Protocol.TCP, 80);
    }

    @Test
    void membersTheKernelWouldRefuseAreLeftOutReportedAndTheRestIsProgrammed() {
        sets.replace(WEB, IpSetType.IP, List.of(ip("10.0.0.1"), ip("0.0.0.0")));
        sets.replace(HTTP, IpSetType.IP_PORT, List.of(port("10.0.0.1"), port("0.0.0.0")));
        sets.replace(DB, IpSetType.NET, List.of(net("10.1.0.0/16"), net("0.0.0.0/0"), net("0.0.0.0/32")));
        sets.applyUpdates();
        assertThat(members(WEB)).containsExactly("10.0.0.1");
        assertThat(members(HTTP)).containsExactly("10.0.0.1,tcp:80");
        assertThat(members(DB)).containsExactlyInAnyOrder("10.1.0.0/16", "0.0.0.0");
        assertThat(List.of(sets.state(WEB), sets.state(HTTP), sets.state(DB))).containsOnly(IpSetState.INCOMPLETE);
        assertThat(problems.reported(DataplaneProblem.IpSetMemberRefused.class))
                .extracting(DataplaneProblem.IpSetMemberRefused::setId, DataplaneProblem.IpSetMemberRefused::member)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(WEB, "0.0.0.0"),
                        org.assertj.core.groups.Tuple.tuple(HTTP, "0.0.0.0,tcp:80"),
                        org.assertj.core.groups.Tuple.tuple(DB, "0.0.0.0/0"));
    }

    @Test
    void aSetIsCompleteAgainOnceTheRefusedMemberLeavesIt() {
        sets.replace(WEB, IpSetType.IP, List.of(ip("10.0.0.1"), ip("0.0.0.0")));
        sets.applyUpdates();
        sets.removeMembers(WEB, List.of(ip("0.0.0.0")));
        sets.applyUpdates();
        assertThat(sets.state(WEB)).isEqualTo(IpSetState.COMPLETE);
        assertThat(problems.resolved()).containsExactly("ipset-member-refused " + WEB);
    }

    @Test
    void whenTheKernelRefusesAMemberAnywayOnlyItsSetFailsAndTheOthersOfTheBatchAreProgrammed() {
        IpSets unchecked = new IpSets(4, recorder, clock, new RecordingSleeper(), IpSets.Options.defaults(), problems, false);
        unchecked.replace(DB, IpSetType.IP, List.of(ip("10.0.0.1")));
        unchecked.replace(HTTP, IpSetType.IP, List.of(ip("10.0.0.2"), ip("0.0.0.0")));
        unchecked.replace(WEB, IpSetType.IP, List.of(ip("10.0.0.3")));
        unchecked.applyUpdates();
        assertThat(members(DB)).containsExactly("10.0.0.1");
        assertThat(members(WEB)).containsExactly("10.0.0.3");
        assertThat(unchecked.state(DB)).isEqualTo(IpSetState.COMPLETE);
        assertThat(unchecked.state(WEB)).isEqualTo(IpSetState.COMPLETE);
        assertThat(unchecked.state(HTTP)).isEqualTo(IpSetState.UNKNOWN);
        assertThat(problems.reported(DataplaneProblem.IpSetNotProgrammed.class)).singleElement()
                .satisfies(p -> assertThat(p.setId()).isEqualTo(HTTP))
                .satisfies(p -> assertThat(p.error()).contains("Null-valued element"));
        assertThat(recorder.inputsOf("ipset").stream().filter(in -> !in.isEmpty()))
                .as("restores: the batch, the rest of it, the failed set alone").hasSize(3);
    }

    @Test
    void membersBeyondMaxIpsetSizeAreLeftOutAndTheSetIsIncomplete() {
        IpSets small = new IpSets(4, recorder, clock, new RecordingSleeper(), IpSets.Options.defaults().withMaxSize(3), problems,
                true);
        small.replace(WEB, IpSetType.IP, ips(1, 5));
        small.applyUpdates();
        assertThat(members(WEB)).hasSize(3);
        assertThat(small.state(WEB)).isEqualTo(IpSetState.INCOMPLETE);
        assertThat(problems.reported(DataplaneProblem.IpSetMemberRefused.class)).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("over MaxIpsetSize 3"));
    }
}
