package io.calicoj.agent.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The agent's own Felix parameters (identity, logging, health, metrics), with Felix's v3 names
 * and defaults, plus every parameter as given (name → value) for the parts that read their own:
 * the dataplane ({@code io.calicoj.dataplane.linux.DataplaneConfig#fromParameters}).
 *
 * @param endpointStatusPathPrefix where the endpoint status files go ({@code <prefix>/endpoint-status}); empty: none
 * @param parameters the merged parameters (environment over config file), names lower-cased
 */
public record FelixConfig(
        String felixHostname,
        String logSeverityScreen,
        List<String> interfacePrefixes,
        boolean healthEnabled,
        String healthHost,
        int healthPort,
        boolean prometheusMetricsEnabled,
        String prometheusMetricsHost,
        int prometheusMetricsPort,
        boolean prometheusGoMetricsEnabled,
        boolean prometheusProcessMetricsEnabled,
        String endpointStatusPathPrefix,
        Map<String, String> parameters) {

    public FelixConfig {
        Objects.requireNonNull(felixHostname, "felixHostname");
        Objects.requireNonNull(endpointStatusPathPrefix, "endpointStatusPathPrefix");
        interfacePrefixes = List.copyOf(interfacePrefixes);
        parameters = Map.copyOf(parameters);
    }

    /** The first interface prefix: the one new pods' host interfaces are named with. */
    public String interfacePrefix() {
        return interfacePrefixes.get(0);
    }
}
