package io.calicoj.dataplane.api;

import java.util.List;

/**
 * An active policy's rules, ready for rendering (Felix's protobuf {@code Policy}).
 *
 * @param untracked   applies in the raw table (doNotTrack)
 * @param preDnat     applies before DNAT (host endpoints)
 */
public record ParsedPolicy(List<ParsedRule> inboundRules, List<ParsedRule> outboundRules, boolean untracked,
                           boolean preDnat, boolean applyOnForward) {
    public ParsedPolicy {
        inboundRules = List.copyOf(inboundRules);
        outboundRules = List.copyOf(outboundRules);
    }

    public List<String> ipSetIds() {
        return java.util.stream.Stream.concat(inboundRules.stream(), outboundRules.stream())
                .flatMap(r -> r.ipSetIds().stream()).distinct().toList();
    }
}
