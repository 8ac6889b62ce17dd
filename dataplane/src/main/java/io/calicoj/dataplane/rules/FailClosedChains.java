package io.calicoj.dataplane.rules;

import io.calicoj.dataplane.iptables.Action;
import io.calicoj.dataplane.iptables.Chain;
import io.calicoj.dataplane.iptables.Rule;
import java.util.List;
import java.util.Optional;

/**
 * The fail-closed stand-ins for chains that cannot be programmed as desired: a chain of the same name
 * that drops every packet reaching it. Dropping is the one outcome that never allows more than any
 * version of the chain would have: a policy or profile chain that drops denies what reaches it
 * (earlier policies of the endpoint still decide first), an endpoint chain that drops isolates the
 * endpoint in that direction, a workload dispatch chain that drops isolates every workload (as an
 * unknown interface already is). A host endpoint's chains keep their failsafe jump first, so the
 * node stays reachable on its failsafe ports. The static chains and the kernel-chain hooks have no
 * stand-in: dropping there would cut the node off.
 */
public final class FailClosedChains {

    /** The comment of the stand-ins' drop rule. */
    public static final String COMMENT = "Fail closed: chain could not be programmed";

    private FailClosedChains() {
    }

    /** A chain named {@code name} that drops everything. */
    public static Chain drop(String name) {
        return new Chain(name, List.of(Rule.of(Action.DROP, COMMENT)));
    }

    /** Drop stand-ins for each of the chains. */
    public static List<Chain> drop(List<String> names) {
        return names.stream().map(FailClosedChains::drop).toList();
    }

    /** The stand-in for one of our chains, or empty when it has none (static chains, host-endpoint dispatch). */
    public static Optional<Chain> standIn(String chain) {
        for (String prefix : List.of(ChainNames.POLICY_INBOUND, ChainNames.POLICY_OUTBOUND, ChainNames.PROFILE_INBOUND,
                ChainNames.PROFILE_OUTBOUND, ChainNames.TO_WORKLOAD, ChainNames.FROM_WORKLOAD,
                ChainNames.FROM_WORKLOAD_DISPATCH, ChainNames.TO_WORKLOAD_DISPATCH)) {
            if (chain.startsWith(prefix)) {
                return Optional.of(drop(chain));
            }
        }
        if (chain.startsWith(ChainNames.TO_HOST)) {
            return Optional.of(hostDrop(chain, ChainNames.FAILSAFE_OUT));
        }
        if (chain.startsWith(ChainNames.FROM_HOST)) {
            return Optional.of(hostDrop(chain, ChainNames.FAILSAFE_IN));
        }
        return Optional.empty();
    }

    /** A host endpoint's chain that lets the failsafe ports through and drops everything else. */
    public static Chain hostDrop(String name, String failsafeChain) {
        return new Chain(name, List.of(Rule.of(Action.jump(failsafeChain)), Rule.of(Action.DROP, COMMENT)));
    }
}
