package io.kafkaesk;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * The schemas of one source set, found on the class path without code: the Maven plugin generates one index per
 * source set ({@code KafkaeskSchemas}) and registers it in {@code META-INF/services/io.kafkaesk.SchemaIndex}, so
 * that {@link ApplicationSettings.Builder#build()} registers every schema of every jar on the class path, and
 * the Spring Boot starter makes every generated publisher a bean.
 *
 * <p>Implementations need a public no-argument constructor ({@link ServiceLoader}'s rule); the generated index has
 * one. Write one by hand only for descriptors that are not generated.
 */
public interface SchemaIndex {
    /** The descriptors of this source set. */
    List<MessageSchema<?>> schemas();

    /** The generated publisher of each schema of this source set, with how to bind it to an application. */
    List<PublisherType<?>> publishers();

    /**
     * A generated publisher interface and the factory that binds it to an application ({@code ContentPublisher::of}).
     *
     * @param type the publisher interface, such as {@code ContentPublisher}
     * @param factory creates a publisher that sends through the given application
     * @param <P> the publisher interface
     */
    record PublisherType<P>(Class<P> type, Function<Application, ? extends P> factory) {
        /** Checks for nulls. */
        public PublisherType {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(factory, "factory");
        }

        /** A publisher of this type bound to {@code application}. */
        public P bind(Application application) {
            return type.cast(factory.apply(application));
        }
    }

    /**
     * Every index registered on the class path of {@code classLoader}, in class-path order.
     *
     * @throws KafkaeskException when a registered index cannot be loaded or created, naming it
     */
    static List<SchemaIndex> discover(ClassLoader classLoader) {
        List<SchemaIndex> found = new ArrayList<>();
        try {
            for (SchemaIndex index : ServiceLoader.load(SchemaIndex.class, classLoader)) {
                found.add(index);
            }
        } catch (ServiceConfigurationError e) {
            throw new KafkaeskException("Cannot load a schema index listed in META-INF/services/"
                    + SchemaIndex.class.getName() + ": " + e.getMessage() + ". Rebuild the jar that lists it, "
                    + "or turn discovery off with Application.builder().discoverSchemas(false)", e);
        }
        return found;
    }

    /**
     * The descriptors of every index on the class path of {@code classLoader}.
     *
     * @throws KafkaeskException when a registered index cannot be loaded or created
     */
    static List<MessageSchema<?>> discoverSchemas(ClassLoader classLoader) {
        List<MessageSchema<?>> schemas = new ArrayList<>();
        for (SchemaIndex index : discover(classLoader)) {
            schemas.addAll(index.schemas());
        }
        return schemas;
    }
}
