package io.calicoj.model;

import java.util.Objects;

/** A Calico IP pool. */
public record IpPool(ObjectMeta metadata, Spec spec) implements Resource {

    /** @param ipipMode and vxlanMode are {@code Never}, {@code Always} or {@code CrossSubnet} */
    public record Spec(Cidr cidr, String ipipMode, String vxlanMode, boolean natOutgoing, boolean disabled,
                       String nodeSelector, int blockSize) {
        public Spec {
            Objects.requireNonNull(cidr, "cidr");
            Objects.requireNonNull(ipipMode, "ipipMode");
            Objects.requireNonNull(vxlanMode, "vxlanMode");
            Objects.requireNonNull(nodeSelector, "nodeSelector");
            for (String mode : new String[] {ipipMode, vxlanMode}) {
                if (!mode.equals("Never") && !mode.equals("Always") && !mode.equals("CrossSubnet")) {
                    throw new InvalidResourceException(mode.equals(ipipMode) ? "ipipMode" : "vxlanMode", mode,
                            "must be Never, Always or CrossSubnet");
                }
            }
            if (!cidr.equals(cidr.network())) {
                throw new InvalidResourceException("cidr", cidr, "the pool CIDR must be a network address ("
                        + cidr.network() + ")");
            }
            int max = cidr.version() == 4 ? 32 : 128;
            if (blockSize < cidr.prefixLength() || blockSize > max) {
                throw new InvalidResourceException("blockSize", blockSize,
                        "must be between the pool's prefix length and " + max);
            }
            if (!nodeSelector.isEmpty()) {
                SelectorExpression.parseField("nodeSelector", nodeSelector);
            }
        }
    }

    public IpPool {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
        Resource.checkScope(ResourceKind.IP_POOL, metadata);
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.IP_POOL;
    }
}
