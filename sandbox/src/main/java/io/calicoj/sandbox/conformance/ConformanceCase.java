package io.calicoj.sandbox.conformance;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A NetworkPolicy conformance case (format: shared/netpol-cases/README.md): namespaces and pods
 * with their labels, what every pod serves, symbols derived from pod IPs, and steps.
 */
public record ConformanceCase(
        Path file,
        String id,
        String name,
        Map<String, Map<String, String>> namespaces,
        Map<PodRef, Map<String, String>> pods,
        List<ContainerPort> serving,
        Map<String, SymbolDefinition> symbols,
        List<Step> steps) {

    public ConformanceCase {
        namespaces = Map.copyOf(namespaces);
        pods = Map.copyOf(pods);
        serving = List.copyOf(serving);
        symbols = Map.copyOf(symbols);
        steps = List.copyOf(steps);
    }

    /** {@code 001 should support a 'default-deny-ingress' policy}. */
    public String title() {
        return id + " " + name;
    }
}
