package io.calicoj.cli;

import io.calicoj.model.FelixConfiguration;
import io.calicoj.model.GlobalNetworkPolicy;
import io.calicoj.model.HostEndpoint;
import io.calicoj.model.IpPool;
import io.calicoj.model.NetworkPolicy;
import io.calicoj.model.Node;
import io.calicoj.model.ObjectMeta;
import io.calicoj.model.Profile;
import io.calicoj.model.Resource;
import io.calicoj.model.WorkloadEndpoint;

/** Test helper: a resource with other metadata. */
public final class Resources {

    private Resources() {
    }

    public static Resource withMetadata(Resource r, ObjectMeta m) {
        if (r instanceof NetworkPolicy x) {
            return new NetworkPolicy(m, x.spec());
        }
        if (r instanceof GlobalNetworkPolicy x) {
            return new GlobalNetworkPolicy(m, x.spec());
        }
        if (r instanceof Profile x) {
            return new Profile(m, x.spec());
        }
        if (r instanceof WorkloadEndpoint x) {
            return new WorkloadEndpoint(m, x.spec());
        }
        if (r instanceof HostEndpoint x) {
            return new HostEndpoint(m, x.spec());
        }
        if (r instanceof Node x) {
            return new Node(m, x.spec());
        }
        if (r instanceof IpPool x) {
            return new IpPool(m, x.spec());
        }
        return new FelixConfiguration(m, ((FelixConfiguration) r).spec());
    }
}
