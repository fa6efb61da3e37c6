package com.acme.parcels;

import io.kafkaesk.Application;
import io.kafkaesk.StopConsumer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Ships four parcels when it starts and tracks them; once all four arrived it stops, which ends the worker. */
public final class ParcelService {
    static final List<String> DESTINATIONS = List.of("Prague", "Lisbon", "Oslo", "Quito");

    private ParcelService() {}

    public static Application app() {
        Application app = Application.builder().build();
        app.schemas(KafkaeskSchemas.all());
        AtomicInteger tracked = new AtomicInteger();
        app.subscribe("parcels", "trackers", (ParcelSubscriber) (parcel, context) -> {
            System.out.println("tracked " + parcel.getId() + " to " + parcel.getDestination());
            if (tracked.incrementAndGet() == DESTINATIONS.size()) {
                throw new StopConsumer("every parcel tracked");
            }
        });
        app.onStart(() -> {
            ParcelPublisher publisher = ParcelPublisher.of(app);
            for (int i = 0; i < DESTINATIONS.size(); i++) {
                publisher.publishToParcels(Parcel.builder().id("p" + (i + 1)).destination(DESTINATIONS.get(i)).build()).join();
            }
            System.out.println("shipped " + DESTINATIONS.size() + " parcels");
        });
        return app;
    }
}
