package io.calicoj.dataplane.linux;

import io.calicoj.dataplane.api.ActiveProfileUpdate;
import io.calicoj.dataplane.api.ActiveState;
import io.calicoj.dataplane.api.DataplaneProblem;
import io.calicoj.dataplane.api.DataplaneProblems;
import io.calicoj.dataplane.api.ParsedPolicy;
import io.calicoj.dataplane.iptables.Chain;
import io.calicoj.dataplane.iptables.Table;
import io.calicoj.dataplane.ipsets.IpSetState;
import io.calicoj.dataplane.rules.ChainNames;
import io.calicoj.dataplane.rules.FailClosedChains;
import io.calicoj.dataplane.rules.FailClosedRules;
import io.calicoj.dataplane.rules.PolicyRenderer;
import io.calicoj.model.felix.PolicyId;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Active policies and profiles → their chains in the filter table (Felix's policy manager). What
 * changed is kept until {@link #flushTo}, which renders it from the driver's {@link ActiveState}, so
 * a burst of updates renders each policy once; a removal deletes the chains the names say the policy
 * owns ({@link ChainNames#policyChains}).
 *
 * <p>Fails closed: rules are rendered through {@link FailClosedRules} with the state of the IP sets
 * they use (re-rendered when a set's state changes), and a policy or profile whose message was set
 * aside, or whose rendering throws, gets chains that drop everything until a new version of it renders.
 */
final class PolicyManager {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyManager.class);

    private final PolicyRenderer renderer;
    private final int ipVersion;
    private final ActiveState active;
    private final DataplaneProblems problems;
    /** Changed since the last flush (updated or removed). */
    private final Set<PolicyId> pendingPolicies = new TreeSet<>();
    private final Set<String> pendingProfiles = new TreeSet<>();
    /** Programmed as drop-everything chains until their next update. */
    private final Set<PolicyId> failedPolicies = new TreeSet<>();
    private final Set<String> failedProfiles = new TreeSet<>();

    PolicyManager(PolicyRenderer renderer, int ipVersion, ActiveState active, DataplaneProblems problems) {
        this.renderer = renderer;
        this.ipVersion = ipVersion;
        this.active = active;
        this.problems = problems;
    }

    void policyChanged(PolicyId id) {
        pendingPolicies.add(id);
        failedPolicies.remove(id);
    }

    void profileChanged(String name) {
        pendingProfiles.add(name);
        failedProfiles.remove(name);
    }

    /** The policy's last message could not be taken: its chains drop everything until its next update. */
    void failPolicy(PolicyId id) {
        if (active.policies().containsKey(id)) {
            failedPolicies.add(id);
            pendingPolicies.add(id);
        }
    }

    void failProfile(String name) {
        if (active.profiles().containsKey(name)) {
            failedProfiles.add(name);
            pendingProfiles.add(name);
        }
    }

    /** These IP sets changed state: the policies and profiles that use them are rendered again. */
    void ipSetStatesChanged(Collection<String> setIds) {
        if (setIds.isEmpty()) {
            return;
        }
        active.policies().forEach((id, p) -> {
            if (p.ipSetIds().stream().anyMatch(setIds::contains)) {
                pendingPolicies.add(id);
            }
        });
        active.profiles().forEach((name, p) -> {
            if (p.ipSetIds().stream().anyMatch(setIds::contains)) {
                pendingProfiles.add(name);
            }
        });
    }

    /** Writes pending changes into the table, with the IP sets in the given states. */
    void flushTo(Table table, Function<String, IpSetState> sets) {
        for (PolicyId id : pendingPolicies) {
            ParsedPolicy p = active.policies().get(id);
            List<String> names = ChainNames.policyChains(id);
            if (p == null) {
                table.removeChains(names);
            } else {
                table.updateChains(render("policy " + id, names, failedPolicies.contains(id),
                        () -> renderer.policyChains(id, new ParsedPolicy(FailClosedRules.apply(p.inboundRules(), sets),
                                FailClosedRules.apply(p.outboundRules(), sets), p.untracked(), p.preDnat(), p.applyOnForward()),
                                ipVersion)));
            }
        }
        for (String name : pendingProfiles) {
            ActiveProfileUpdate p = active.profiles().get(name);
            List<String> names = ChainNames.profileChains(name);
            if (p == null) {
                table.removeChains(names);
            } else {
                table.updateChains(render("profile " + name, names, failedProfiles.contains(name),
                        () -> renderer.profileChains(name, FailClosedRules.apply(p.inboundRules(), sets),
                                FailClosedRules.apply(p.outboundRules(), sets), ipVersion)));
            }
        }
        pendingPolicies.clear();
        pendingProfiles.clear();
    }

    /** The rendered chains, or chains that drop everything when the message was set aside or rendering throws. */
    private List<Chain> render(String what, List<String> names, boolean failed, Supplier<List<Chain>> chains) {
        if (failed) {
            return FailClosedChains.drop(names);
        }
        try {
            return chains.get();
        } catch (RuntimeException e) {
            LOG.debug("Rendering {} failed", what, e);
            problems.report(new DataplaneProblem.UpdateSetAside("rendering", what, String.valueOf(e)));
            return FailClosedChains.drop(names);
        }
    }
}
