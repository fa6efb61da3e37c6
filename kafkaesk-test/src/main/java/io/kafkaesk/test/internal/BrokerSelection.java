package io.kafkaesk.test.internal;

import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.AppInfoParser;
import org.jspecify.annotations.Nullable;

/**
 * Chooses where tests find Kafka from environment variables: the in-process broker (default), a running broker
 * ({@code KAFKA=host:port}), or a Testcontainers broker ({@code KAFKAESK_BROKER=testcontainers}).
 *
 * <p>Every mistake in those variables is reported with a message that names the variable and says what to do.
 */
public final class BrokerSelection {
    /** Points tests at a running broker: {@code KAFKA=host:port[,host:port...]}. */
    public static final String KAFKA = "KAFKA";
    /** Chooses the kind of broker: {@code embedded} (default) or {@code testcontainers}. */
    public static final String KAFKAESK_BROKER = "KAFKAESK_BROKER";
    /** Overrides the Docker image for {@code KAFKAESK_BROKER=testcontainers}. */
    public static final String KAFKAESK_KAFKA_IMAGE = "KAFKAESK_KAFKA_IMAGE";

    static final String TESTCONTAINERS_CLASS = "org.testcontainers.kafka.KafkaContainer";
    private static final Pattern HOST_PORT_LIST =
            Pattern.compile("[^\\s,:]+:\\d{1,5}(,[^\\s,:]+:\\d{1,5})*|\\[[0-9a-fA-F:.]+\\]:\\d{1,5}");

    /** Where the tests of this run find Kafka. */
    public sealed interface Choice {
        /** How the choice reads in skip messages, e.g. {@code KAFKA=localhost:9092}. */
        String reason();
    }

    /** The in-process {@code EmbeddedKafka}. */
    public record Embedded() implements Choice {
        @Override
        public String reason() {
            return "the in-process broker";
        }
    }

    /** A running broker named by {@code KAFKA}. */
    public record External(String bootstrapServers) implements Choice {
        @Override
        public String reason() {
            return KAFKA + "=" + bootstrapServers + " points the tests at an external broker";
        }
    }

    /** A broker in a Docker container started by Testcontainers. */
    public record Testcontainers(String image) implements Choice {
        @Override
        public String reason() {
            return KAFKAESK_BROKER + "=testcontainers runs the tests against a Kafka container";
        }
    }

    private BrokerSelection() {}

    /** Chooses from this process's environment, probing the classpath and Docker only when asked to. */
    public static Choice fromEnvironment() {
        return choose(
                System.getenv(), BrokerSelection::testcontainersOnClasspath, TestcontainersProbe::dockerAvailable);
    }

    /**
     * Chooses from the given environment.
     *
     * @param env environment variables
     * @param testcontainersPresent whether {@code testcontainers-kafka} is on the classpath; asked only for
     *     {@code KAFKAESK_BROKER=testcontainers}
     * @param dockerAvailable whether a Docker engine answers; asked only after {@code testcontainersPresent}
     * @throws IllegalStateException if the variables are invalid or name a broker that cannot be had
     */
    public static Choice choose(
            Map<String, String> env, BooleanSupplier testcontainersPresent, BooleanSupplier dockerAvailable) {
        String kafka = blankToNull(env.get(KAFKA));
        String broker = blankToNull(env.get(KAFKAESK_BROKER));
        if (kafka != null && broker != null) {
            throw new IllegalStateException(KAFKA + "=" + kafka + " and " + KAFKAESK_BROKER + "=" + broker
                    + " both choose a broker for the tests; set only one of them");
        }
        if (kafka != null) {
            if (!HOST_PORT_LIST.matcher(kafka).matches()) {
                throw new IllegalStateException("Invalid value '" + kafka + "' for environment variable " + KAFKA
                        + ": expected host:port or a comma-separated list of them, e.g. " + KAFKA
                        + "=localhost:9092; unset it to use the in-process broker");
            }
            return new External(kafka);
        }
        if (broker == null || broker.toLowerCase(Locale.ROOT).equals("embedded")) {
            return new Embedded();
        }
        if (!broker.toLowerCase(Locale.ROOT).equals("testcontainers")) {
            throw new IllegalStateException("Invalid value '" + broker + "' for environment variable "
                    + KAFKAESK_BROKER + ": use 'embedded' (the default) or 'testcontainers', or unset it and set "
                    + KAFKA + "=host:port to use a running broker");
        }
        if (!testcontainersPresent.getAsBoolean()) {
            throw new IllegalStateException(KAFKAESK_BROKER + "=testcontainers needs "
                    + "org.testcontainers:testcontainers-kafka on the test classpath; add it as a test dependency, "
                    + "or unset " + KAFKAESK_BROKER + " to use the in-process broker");
        }
        if (!dockerAvailable.getAsBoolean()) {
            throw new IllegalStateException(KAFKAESK_BROKER + "=testcontainers, but Testcontainers found no "
                    + "Docker engine; start Docker, or unset " + KAFKAESK_BROKER + " to use the in-process broker, or"
                    + " set " + KAFKA + "=host:port to use a running broker");
        }
        String image = blankToNull(env.get(KAFKAESK_KAFKA_IMAGE));
        return new Testcontainers(image != null ? image : defaultImage());
    }

    /** The {@code apache/kafka} image of the same version as the Kafka clients on the classpath. */
    static String defaultImage() {
        return "apache/kafka:" + AppInfoParser.getVersion();
    }

    static boolean testcontainersOnClasspath() {
        try {
            Class.forName(TESTCONTAINERS_CLASS, false, BrokerSelection.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
