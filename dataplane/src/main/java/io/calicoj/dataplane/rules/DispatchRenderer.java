package io.calicoj.dataplane.rules;

import io.calicoj.dataplane.iptables.Action;
import io.calicoj.dataplane.iptables.Chain;
import io.calicoj.dataplane.iptables.Match;
import io.calicoj.dataplane.iptables.Rule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Dispatch chains, as Felix's {@code rules/dispatch.go}: interface names sorted, their longest
 * common prefix found, and names grouped by the next character. A group of one gets a direct
 * {@code --goto} in the root chain; a bigger group gets {@code --in-interface <prefix>+ --goto
 * <root>-<char>} and a child chain with one goto per interface. Workload dispatch chains (root and
 * children) end with a DROP ("Unknown interface"), so traffic of a {@code cali*} interface we have
 * no endpoint for is dropped until its chains exist; host-endpoint dispatch chains end without
 * one (unknown host interfaces fall through).
 */
public final class DispatchRenderer {

    public DispatchRenderer() {
    }

    /** {@code cali-from-wl-dispatch(-x)} then {@code cali-to-wl-dispatch(-x)} chains. */
    public List<Chain> workloadDispatchChains(Collection<String> interfaces) {
        List<Rule> end = List.of(Rule.of(Action.DROP, "Unknown interface"));
        List<Chain> out = new ArrayList<>(dispatch(interfaces, ChainNames.FROM_WORKLOAD_DISPATCH, ChainNames.FROM_WORKLOAD,
                Match::inInterface, end));
        out.addAll(dispatch(interfaces, ChainNames.TO_WORKLOAD_DISPATCH, ChainNames.TO_WORKLOAD, Match::outInterface, end));
        return out;
    }

    /** {@code cali-from-host-endpoint(-x)} then {@code cali-to-host-endpoint(-x)} chains (no end rule). */
    public List<Chain> hostDispatchChains(Collection<String> interfaces) {
        List<Chain> out = new ArrayList<>(dispatch(interfaces, ChainNames.FROM_HOST_ENDPOINT_DISPATCH, ChainNames.FROM_HOST,
                Match::inInterface, List.of()));
        out.addAll(dispatch(interfaces, ChainNames.TO_HOST_ENDPOINT_DISPATCH, ChainNames.TO_HOST, Match::outInterface, List.of()));
        return out;
    }

    private static List<Chain> dispatch(Collection<String> interfaces, String rootName, String endpointPrefix,
                                        BiFunction<Match, String, Match> ifaceMatch, List<Rule> endRules) {
        List<String> names = new ArrayList<>(new TreeSet<>(interfaces));
        String common = commonPrefix(names);
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String name : names) {
            if (name.isEmpty()) {
                throw new IllegalArgumentException("an endpoint has an empty interface name");
            }
            String group = name.length() > common.length() ? name.substring(0, common.length() + 1) : common;
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(name);
        }
        List<Chain> children = new ArrayList<>();
        List<Rule> root = new ArrayList<>();
        groups.forEach((group, members) -> {
            if (members.size() > 1) {
                String child = rootName + "-" + group.substring(common.length());
                root.add(Rule.of(ifaceMatch.apply(Match.any(), group + "+"), Action.goTo(child)));
                List<Rule> rules = new ArrayList<>();
                for (String m : members) {
                    rules.add(Rule.of(ifaceMatch.apply(Match.any(), m), Action.goTo(ChainNames.endpoint(endpointPrefix, m))));
                }
                rules.addAll(endRules);
                children.add(new Chain(child, rules));
            } else {
                String m = members.get(0);
                root.add(Rule.of(ifaceMatch.apply(Match.any(), m), Action.goTo(ChainNames.endpoint(endpointPrefix, m))));
            }
        });
        root.addAll(endRules);
        List<Chain> out = new ArrayList<>(children);
        out.add(new Chain(rootName, root));
        return out;
    }

    static String commonPrefix(List<String> names) {
        if (names.isEmpty()) {
            return "";
        }
        String prefix = names.get(0);
        for (String n : names) {
            int i = 0;
            while (i < prefix.length() && i < n.length() && prefix.charAt(i) == n.charAt(i)) {
                i++;
            }
            prefix = prefix.substring(0, i);
        }
        return prefix;
    }
}
