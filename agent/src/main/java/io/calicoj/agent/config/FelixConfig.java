package io.calicoj.agent.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Felix's configuration parameters that Calico/J implements, with Felix's v3 names and defaults
 * (see {@link FelixParameters} for the table).
 */
public record FelixConfig(
        String felixHostname,
        String logSeverityScreen,
        List<String> interfacePrefixes,
        Duration iptablesRefreshInterval,
        Duration ipsetsRefreshInterval,
        Duration routeRefreshInterval,
        Duration iptablesPostWriteCheckInterval,
        String iptablesLockFilePath,
        Duration iptablesLockTimeout,
        Duration iptablesLockProbeInterval,
        IptablesBackend iptablesBackend,
        long iptablesMarkMask,
        ChainInsertMode chainInsertMode,
        EndpointToHostAction defaultEndpointToHostAction,
        FilterAllowAction iptablesFilterAllowAction,
        boolean disableConntrackInvalidCheck,
        String logPrefix,
        int maxIpsetSize,
        boolean ipv6Support,
        boolean healthEnabled,
        String healthHost,
        int healthPort,
        boolean prometheusMetricsEnabled,
        String prometheusMetricsHost,
        int prometheusMetricsPort,
        boolean prometheusGoMetricsEnabled,
        boolean prometheusProcessMetricsEnabled) {

    public FelixConfig {
        Objects.requireNonNull(felixHostname, "felixHostname");
        interfacePrefixes = List.copyOf(interfacePrefixes);
    }

    public enum IptablesBackend { AUTO, NFT, LEGACY }

    public enum ChainInsertMode { INSERT, APPEND }

    public enum EndpointToHostAction { DROP, RETURN, ACCEPT }

    public enum FilterAllowAction { ACCEPT, RETURN }
}
