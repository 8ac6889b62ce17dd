package io.calicoj.sandbox.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Whether each source pod (row) reaches each destination pod (column). */
public record ReachabilityMatrix(Map<PodRef, Map<PodRef, Boolean>> cells) {

    public ReachabilityMatrix {
        Map<PodRef, Map<PodRef, Boolean>> copy = new TreeMap<>();
        cells.forEach((from, row) -> copy.put(from, Map.copyOf(new TreeMap<>(row))));
        cells = java.util.Collections.unmodifiableMap(copy);
    }

    public boolean get(PodRef from, PodRef to) {
        Boolean v = cells.getOrDefault(from, Map.of()).get(to);
        if (v == null) {
            throw new IllegalArgumentException("no cell " + from + " -> " + to);
        }
        return v;
    }

    /** One cell that differs: expected vs observed. */
    public record Difference(PodRef from, PodRef to, boolean expected, boolean observed) {
        public boolean loopback() {
            return from.equals(to);
        }

        @Override
        public String toString() {
            return from + "->" + to + " expected " + (expected ? "allowed" : "blocked") + " got "
                    + (observed ? "allowed" : "blocked");
        }
    }

    /** The cells where {@code observed} differs from this (expected) matrix. */
    public List<Difference> differences(ReachabilityMatrix observed) {
        List<Difference> out = new ArrayList<>();
        cells.forEach((from, row) -> row.forEach((to, expected) -> {
            boolean got = observed.get(from, to);
            if (got != expected) {
                out.add(new Difference(from, to, expected, got));
            }
        }));
        return out;
    }

    /** Upstream's truth-table notation: {@code .} connected, {@code X} blocked. */
    public String render() {
        StringBuilder sb = new StringBuilder("      ");
        List<PodRef> columns = new ArrayList<>(cells.values().iterator().next().keySet());
        for (PodRef c : columns) {
            sb.append(String.format("%-5s", c));
        }
        sb.append('\n');
        cells.forEach((from, row) -> {
            sb.append(String.format("%-6s", from));
            for (PodRef c : columns) {
                sb.append(String.format("%-5s", Objects.equals(row.get(c), Boolean.TRUE) ? "." : "X"));
            }
            sb.append('\n');
        });
        return sb.toString();
    }
}
