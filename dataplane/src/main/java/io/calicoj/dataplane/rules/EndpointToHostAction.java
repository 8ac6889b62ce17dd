package io.calicoj.dataplane.rules;

import io.calicoj.dataplane.iptables.Action;
import java.util.Locale;

/**
 * Felix's {@code DefaultEndpointToHostAction}: what happens to traffic from a workload to the host
 * itself once the workload's egress policy allowed it (default DROP; the KDD manifest sets ACCEPT).
 */
public enum EndpointToHostAction {
    DROP(Action.DROP),
    ACCEPT(Action.ACCEPT),
    /** Back to the INPUT chain for the host's own rules. */
    RETURN(Action.RETURN);

    private final Action action;

    EndpointToHostAction(Action action) {
        this.action = action;
    }

    public Action action() {
        return action;
    }

    /** @throws IllegalArgumentException naming the parameter and value */
    public static EndpointToHostAction parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("DefaultEndpointToHostAction = '" + text
                    + "' (FELIX_DEFAULTENDPOINTTOHOSTACTION): must be DROP, ACCEPT or RETURN", e);
        }
    }
}
