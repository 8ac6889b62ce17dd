package io.calicoj.dataplane.rules;

import io.calicoj.dataplane.iptables.Action;
import java.util.List;
import java.util.Objects;

/**
 * What the renderers need from Felix's configuration.
 *
 * @param workloadInterfacePrefixes    FELIX_INTERFACEPREFIX entries ({@code cali})
 * @param marks                        from FELIX_IPTABLESMARKMASK
 * @param endpointToHostAction         FELIX_DEFAULTENDPOINTTOHOSTACTION
 * @param filterAllowAction            FELIX_IPTABLESFILTERALLOWACTION: ACCEPT (default) or RETURN
 * @param disableConntrackInvalidCheck FELIX_DISABLECONNTRACKINVALIDCHECK
 * @param logPrefix                    FELIX_LOGPREFIX, for Log rules
 * @param allowVxlanPacketsFromWorkloads FELIX_ALLOWVXLANPACKETSFROMWORKLOADS (else UDP to {@code vxlanPort} from pods is dropped)
 * @param allowIpipPacketsFromWorkloads  FELIX_ALLOWIPIPPACKETSFROMWORKLOADS (else protocol 4 from pods is dropped)
 */
public record RulesConfig(List<String> workloadInterfacePrefixes, MarkBits marks, EndpointToHostAction endpointToHostAction,
                          Action filterAllowAction, boolean disableConntrackInvalidCheck, String logPrefix,
                          List<ProtoPort> failsafeInbound, List<ProtoPort> failsafeOutbound,
                          boolean allowVxlanPacketsFromWorkloads, boolean allowIpipPacketsFromWorkloads, int vxlanPort) {

    public RulesConfig {
        workloadInterfacePrefixes = List.copyOf(workloadInterfacePrefixes);
        Objects.requireNonNull(marks, "marks");
        Objects.requireNonNull(endpointToHostAction, "endpointToHostAction");
        Objects.requireNonNull(logPrefix, "logPrefix");
        failsafeInbound = List.copyOf(failsafeInbound);
        failsafeOutbound = List.copyOf(failsafeOutbound);
        if (workloadInterfacePrefixes.isEmpty()) {
            throw new IllegalArgumentException("InterfacePrefix: at least one workload interface prefix is needed");
        }
        if (filterAllowAction != Action.ACCEPT && filterAllowAction != Action.RETURN) {
            throw new IllegalArgumentException("IptablesFilterAllowAction must be ACCEPT or RETURN");
        }
    }

    /** Modern Felix's defaults. */
    public static RulesConfig defaults() {
        return new RulesConfig(List.of("cali"), MarkBits.defaults(), EndpointToHostAction.DROP, Action.ACCEPT, false,
                "calico-packet", ProtoPort.DEFAULT_INBOUND, ProtoPort.DEFAULT_OUTBOUND, false, false, 4789);
    }

    public RulesConfig withEndpointToHostAction(EndpointToHostAction a) {
        return new RulesConfig(workloadInterfacePrefixes, marks, a, filterAllowAction, disableConntrackInvalidCheck,
                logPrefix, failsafeInbound, failsafeOutbound, allowVxlanPacketsFromWorkloads, allowIpipPacketsFromWorkloads,
                vxlanPort);
    }
}
