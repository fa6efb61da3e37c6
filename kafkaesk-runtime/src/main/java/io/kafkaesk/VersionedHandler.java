package io.kafkaesk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Typed handlers for several versions of one schema id, in one subscription: each record goes to the handler of
 * the version its envelope names, bound to that version's class. Made by {@link MessageHandler#versions}.
 *
 * <pre>{@code
 * // OrderPlaced:1 binds to OrderPlaced, OrderPlaced:2 to OrderPlacedV2; both arrive on one stream during a migration
 * app.subscribe("orders.placed", "billing", MessageHandler.versions(
 *         (OrderPlacedSubscriber) (order, ctx) -> bill(upgrade(order)),
 *         (OrderPlacedV2Subscriber) (order, ctx) -> bill(order)));
 * }</pre>
 *
 * <p>One subscription keeps one consumer group membership and the order of each partition across versions; two
 * subscriptions in one group would split the partitions between them instead. A record of a version with no
 * handler here, or of another schema id, is dead-lettered without calling any handler. With
 * {@link Subscription#validate(boolean) validate(true)} data is validated against the JSON schema of the version it
 * names.
 *
 * <p>It has no stable class name to name a consumer group after, so it is subscribed with an explicit group. To
 * carry on where a single-version subscription left off, give the group it had (by default its handler's class
 * name).
 */
public final class VersionedHandler implements MessageHandler {
    private final String schemaId;
    private final Map<String, TypedHandler<?>> byKey;

    private VersionedHandler(String schemaId, Map<String, TypedHandler<?>> byKey) {
        this.schemaId = schemaId;
        this.byKey = byKey;
    }

    /** Checks the handlers and orders them by version; see {@link MessageHandler#versions}. */
    static VersionedHandler of(TypedHandler<?>[] handlers) {
        Objects.requireNonNull(handlers, "handlers");
        if (handlers.length == 0) {
            throw new IllegalArgumentException("MessageHandler.versions() needs at least one handler: give one "
                    + "typed handler per version of a schema id");
        }
        List<TypedHandler<?>> sorted = new ArrayList<>();
        for (int i = 0; i < handlers.length; i++) {
            TypedHandler<?> handler = handlers[i];
            int position = i + 1;
            Objects.requireNonNull(handler, () -> "Handler #" + position + " of MessageHandler.versions(...) is "
                    + "null");
            Objects.requireNonNull(handler.schema(), () -> "Handler #" + position + " of MessageHandler.versions"
                    + "(...) (" + handler.getClass().getName() + ") returns no schema()");
            sorted.add(handler);
        }
        String schemaId = handlers[0].schema().id();
        for (int i = 1; i < handlers.length; i++) {
            MessageSchema<?> schema = handlers[i].schema();
            if (!schema.id().equals(schemaId)) {
                throw new IllegalArgumentException("MessageHandler.versions(...) takes handlers of one schema id, "
                        + "but handler #1 handles " + handlers[0].schema().key() + " and handler #" + (i + 1)
                        + " handles " + schema.key() + ": subscribe handlers of another schema id in a "
                        + "subscription of their own");
            }
            for (int j = 0; j < i; j++) {
                if (handlers[j].schema().version() == schema.version()) {
                    throw new IllegalArgumentException("MessageHandler.versions(...) has two handlers for "
                            + schema.key() + " (#" + (j + 1) + " and #" + (i + 1) + "): give one handler per "
                            + "version");
                }
            }
        }
        sorted.sort(Comparator.comparingInt(h -> h.schema().version()));
        Map<String, TypedHandler<?>> byKey = new LinkedHashMap<>();
        for (TypedHandler<?> handler : sorted) {
            byKey.put(handler.schema().key(), handler);
        }
        return new VersionedHandler(schemaId, byKey);
    }

    /** The schema id every handler here handles a version of. */
    public String schemaId() {
        return schemaId;
    }

    /** The handlers, by ascending version. */
    public List<TypedHandler<?>> handlers() {
        return List.copyOf(byKey.values());
    }

    /** The handlers' schemas, by ascending version. */
    public List<MessageSchema<?>> schemas() {
        return byKey.values().stream().<MessageSchema<?>>map(TypedHandler::schema).toList();
    }

    /** The schema keys handled ({@code Id:version}), by ascending version. */
    public List<String> keys() {
        return List.copyOf(byKey.keySet());
    }

    /** The handler of the schema key {@code Id:version}, or null when no handler here takes that key. */
    public @Nullable TypedHandler<?> handlerFor(String schemaKey) {
        return byKey.get(schemaKey);
    }

    @Override
    public String toString() {
        return "MessageHandler.versions(" + String.join(", ", byKey.keySet()) + ")";
    }
}
