package io.calicoj.model.k8s;

import io.calicoj.model.Resource;
import io.calicoj.model.ResourceKey;
import java.util.Objects;

/** What a Kubernetes object is in Calico's terms: the syncer and calicoctl both ask {@link KindConversion#convert}. */
public sealed interface Conversion {

    /**
     * The object is this resource.
     *
     * @param problem what was left out of it (a policy's dropped rules), empty when nothing
     */
    record Converted(Resource resource, String problem) implements Conversion {
        public Converted {
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(problem, "problem");
        }
    }

    /** The object has no Calico counterpart (a host-network pod, a pod without an IP yet). */
    record Absent() implements Conversion {
    }

    /** The object cannot be converted: it counts as deleted (fail closed). */
    record Invalid(ResourceKey key, String problem) implements Conversion {
        public Invalid {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(problem, "problem");
        }
    }

    Absent ABSENT = new Absent();
}
