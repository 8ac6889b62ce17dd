package io.calicoj.dataplane.testing;

import io.calicoj.dataplane.iptables.Chain;
import io.calicoj.dataplane.iptables.Rule;
import io.calicoj.dataplane.iptables.RuleHashes;
import java.util.List;

/** Chains as restore lines without the hash comment, for golden comparisons written by hand. */
public final class ChainText {

    private static final String HASH = " -m comment --comment \"cali:HASHHASHHASHHASH\"";

    private ChainText() {
    }

    public static List<String> lines(Chain chain) {
        return chain.rules().stream().map(r -> line(chain.name(), r)).toList();
    }

    public static String line(String chain, Rule rule) {
        return RuleHashes.renderAppend(chain, rule, "HASHHASHHASHHASH").replace(HASH, "");
    }
}
