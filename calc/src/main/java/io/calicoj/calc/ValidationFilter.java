package io.calicoj.calc;

import io.calicoj.datastore.Deletion;
import io.calicoj.datastore.Update;
import io.calicoj.datastore.Upsert;
import io.calicoj.model.GlobalNetworkPolicy;
import io.calicoj.model.InvalidResourceException;
import io.calicoj.model.NetworkPolicy;
import io.calicoj.model.Profile;
import io.calicoj.model.Resource;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.WorkloadEndpoint;
import io.calicoj.model.felix.FelixProjection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fails closed on bad data (Felix's {@code ValidationFilter}): a value the graph cannot use
 * becomes a {@link Deletion} of its key, so an invalid policy stops applying and an invalid
 * profile becomes deny-all. Invalid means: a policy or profile that Felix's projection rejects,
 * or a workload endpoint without an interface name. Each key is logged once (WARN) when it
 * turns invalid.
 *
 * <p>Not thread-safe; confined to the calc thread.
 */
final class ValidationFilter implements UpdateHandler {

    private static final Logger log = LoggerFactory.getLogger(ValidationFilter.class);

    private final UpdateHandler next;
    private final Set<ResourceKey> invalid = new HashSet<>();
    private int warnings;

    ValidationFilter(UpdateHandler next) {
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public void onUpdate(Update update) {
        if (update instanceof Upsert upsert) {
            try {
                validate(upsert.value());
            } catch (IllegalArgumentException e) {
                if (invalid.add(upsert.key())) {
                    warnings++;
                    log.atWarn().addKeyValue("resource", upsert.key()).setCause(e)
                            .log("Validation failed; treating as missing: {}", e.getMessage());
                }
                next.onUpdate(new Deletion(upsert.key()));
                return;
            }
        }
        invalid.remove(update.key());
        next.onUpdate(update);
    }

    /** How many warnings were logged: one per key each time it turns invalid. */
    int warnings() {
        return warnings;
    }

    /** @throws IllegalArgumentException naming what is wrong */
    static void validate(Resource value) {
        if (value instanceof NetworkPolicy np) {
            FelixProjection.project(np);
        } else if (value instanceof GlobalNetworkPolicy gnp) {
            FelixProjection.project(gnp);
        } else if (value instanceof Profile profile) {
            FelixProjection.project(profile);
        } else if (value instanceof WorkloadEndpoint wep && wep.spec().interfaceName().isEmpty()) {
            throw new InvalidResourceException("spec.interfaceName", "", "a workload endpoint needs an interface name");
        }
    }
}
