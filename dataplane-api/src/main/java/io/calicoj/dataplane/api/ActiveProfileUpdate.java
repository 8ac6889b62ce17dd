package io.calicoj.dataplane.api;

import java.util.List;
import java.util.Objects;

/** A profile some local endpoint uses, with its rules (a missing profile arrives as deny-all rules). */
public record ActiveProfileUpdate(String name, List<ParsedRule> inboundRules, List<ParsedRule> outboundRules)
        implements DataplaneUpdate {
    public ActiveProfileUpdate {
        Objects.requireNonNull(name, "name");
        inboundRules = List.copyOf(inboundRules);
        outboundRules = List.copyOf(outboundRules);
    }

    public List<String> ipSetIds() {
        return java.util.stream.Stream.concat(inboundRules.stream(), outboundRules.stream())
                .flatMap(r -> r.ipSetIds().stream()).distinct().toList();
    }

    @Override
    public void dispatch(DataplaneUpdateHandler h) {
        h.onActiveProfileUpdate(this);
    }
}
