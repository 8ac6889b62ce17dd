package io.calicoj.calc;

import io.calicoj.model.Profile;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.felix.FelixProjection;
import java.util.List;

/**
 * Profile → {@link io.calicoj.model.felix.FelixProfile}: rules (not namespace-scoped) and the
 * labels its endpoints inherit.
 *
 * <p>Not thread-safe; confined to the calc thread.
 */
final class ProfileDecoder {

    private final List<ProfileListener> listeners;

    ProfileDecoder(List<? extends ProfileListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    void onProfile(Profile profile) {
        var projected = FelixProjection.project(profile);
        listeners.forEach(l -> l.onProfileUpdate(projected));
    }

    void onDeletion(ResourceKey key) {
        listeners.forEach(l -> l.onProfileRemoved(key.name()));
    }
}
