package io.calicoj.calc;

import io.calicoj.datastore.Deletion;
import io.calicoj.datastore.Update;
import io.calicoj.datastore.Upsert;
import io.calicoj.model.Resource;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.ResourceKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans each update out, by resource kind, to the handlers registered for that kind, in
 * registration order, with the value already cast to its type. Kinds nobody registered for are
 * dropped. Built once by {@link CalculationGraph#create}; immutable afterwards.
 *
 * <p>Not thread-safe; confined to the calc thread.
 */
final class Dispatcher implements UpdateHandler {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private record Route(Consumer<Resource> onUpsert, Consumer<ResourceKey> onDeletion) {
    }

    private final Map<ResourceKind, List<Route>> routes;

    private Dispatcher(Map<ResourceKind, List<Route>> routes) {
        this.routes = routes;
    }

    static Builder builder() {
        return new Builder();
    }

    @Override
    public void onUpdate(Update update) {
        List<Route> handlers = routes.get(update.key().kind());
        if (handlers == null) {
            log.debug("No handler for {}; ignored", update.key());
            return;
        }
        if (update instanceof Upsert upsert) {
            for (Route r : handlers) {
                r.onUpsert().accept(upsert.value());
            }
        } else {
            ResourceKey key = ((Deletion) update).key();
            for (Route r : handlers) {
                r.onDeletion().accept(key);
            }
        }
    }

    static final class Builder {
        private final Map<ResourceKind, List<Route>> routes = new EnumMap<>(ResourceKind.class);

        private Builder() {
        }

        /** Sends upserts of {@code kind} (values of {@code type}) and its deletions to these handlers. */
        <R extends Resource> Builder on(ResourceKind kind, Class<R> type, Consumer<? super R> onUpsert,
                                        Consumer<ResourceKey> onDeletion) {
            Objects.requireNonNull(onUpsert, "onUpsert");
            Objects.requireNonNull(onDeletion, "onDeletion");
            Consumer<Resource> cast = value -> onUpsert.accept(type.cast(value));
            routes.computeIfAbsent(kind, k -> new ArrayList<>()).add(new Route(cast, onDeletion));
            return this;
        }

        Dispatcher build() {
            Map<ResourceKind, List<Route>> copy = new EnumMap<>(ResourceKind.class);
            routes.forEach((kind, list) -> copy.put(kind, List.copyOf(list)));
            return new Dispatcher(copy);
        }
    }
}
