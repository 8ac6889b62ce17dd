package io.calicoj.model.eval;

import java.util.Objects;

/** Whether a connection is allowed: both the source's egress and the destination's ingress must permit it. */
public record ConnectionVerdict(Connection connection, DirectionVerdict egress, DirectionVerdict ingress) {

    public ConnectionVerdict {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(egress, "egress");
        Objects.requireNonNull(ingress, "ingress");
    }

    public boolean allowed() {
        return egress.permits() && ingress.permits();
    }

    @Override
    public String toString() {
        return connection + ": " + (allowed() ? "allowed" : "denied") + "; egress " + egress + "; ingress " + ingress;
    }
}
