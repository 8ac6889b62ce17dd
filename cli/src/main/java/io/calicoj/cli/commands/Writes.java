package io.calicoj.cli.commands;

import io.calicoj.cli.CliContext;
import io.calicoj.datastore.client.CalicoClient;
import io.calicoj.datastore.client.DatastoreException;
import io.calicoj.model.Resource;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.ResourceKind;
import java.util.List;
import java.util.function.Predicate;

/**
 * Runs one write over resources in order and reports as calicoctl does. It stops at the first
 * failure, so "the first k" of a partial success is exactly what was written:
 * <ul>
 * <li>{@code Successfully applied 2 'NetworkPolicy' resource(s)} (or {@code 2 resource(s)} for mixed kinds);</li>
 * <li>{@code Failed to apply 'NetworkPolicy' resource: <err>} when the only resource failed,
 *     {@code Failed to apply any 'NetworkPolicy' resources: <err>} / {@code Failed to apply any resources: <err>}
 *     when the first of several did;</li>
 * <li>{@code Partial success: applied the first 1 out of 2 'NetworkPolicy' resources:} on standard
 *     output, then {@code Hit error: <err>} on standard error.</li>
 * </ul>
 * Errors are the datastore's messages, e.g. {@code operation Apply is not supported on
 * NetworkPolicy(ns/knp.default.x): kubernetes network policies must be managed through the kubernetes API}.
 */
final class Writes {

    private Writes() {
    }

    /**
     * @param skip failures that count as success ({@code --skip-exists}, {@code --skip-not-exists})
     * @return the exit status
     */
    static int run(CliContext context, DatastoreOptions options, List<Target> resources, WriteAction action,
                   Predicate<DatastoreException> skip) {
        if (resources.isEmpty()) {
            throw new CommandFailure("No resources specified");
        }
        String kind = singleKind(resources);
        int done = 0;
        DatastoreException failure = null;
        try (CalicoClient client = Datastore.open(context, options)) {
            for (Target r : resources) {
                try {
                    action.perform(client, r);
                } catch (DatastoreException e) {
                    if (!skip.test(e)) {
                        failure = e;
                        break;
                    }
                }
                done++;
            }
        }
        int total = resources.size();
        if (failure == null) {
            context.out().println("Successfully " + action.past + " " + done + " "
                    + (kind != null ? "'" + kind + "' " : "") + "resource(s)");
            return 0;
        }
        if (done == 0) {
            throw new CommandFailure(total == 1
                    ? "Failed to " + action.verb + " '" + kind + "' resource: " + failure.getMessage()
                    : kind != null
                    ? "Failed to " + action.verb + " any '" + kind + "' resources: " + failure.getMessage()
                    : "Failed to " + action.verb + " any resources: " + failure.getMessage());
        }
        context.out().println("Partial success: " + action.past + " the first " + done + " out of " + total + " "
                + (kind != null ? "'" + kind + "' " : "") + "resources:");
        throw new CommandFailure("Hit error: " + failure.getMessage());
    }

    /** The kind all resources share, or {@code null} when they are mixed. */
    private static String singleKind(List<Target> resources) {
        ResourceKind kind = resources.get(0).key().kind();
        return resources.stream().allMatch(r -> r.key().kind() == kind) ? kind.kindName() : null;
    }

    /** A resource to write, or (for a delete by name) only its key. */
    record Target(ResourceKey key, Resource resource) {
        static List<Target> of(List<Resource> resources) {
            return resources.stream().map(r -> new Target(r.key(), r)).toList();
        }

        static Target key(ResourceKey key) {
            return new Target(key, null);
        }
    }
}
