package io.kafkaesk.test.internal;

import io.kafkaesk.test.KafkaCluster;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A one-broker Kafka in a Docker container, for {@code KAFKAESK_BROKER=testcontainers}.
 *
 * <p>This is the only class that names Testcontainers types; it is loaded only after
 * {@link BrokerSelection} has found Testcontainers on the classpath.
 */
public final class TestcontainersKafka implements KafkaCluster, AutoCloseable {
    private final KafkaContainer container;
    private final String image;

    private TestcontainersKafka(KafkaContainer container, String image) {
        this.container = container;
        this.image = image;
    }

    /** Pulls (if needed) and starts the image, waiting until the broker accepts connections. */
    public static TestcontainersKafka start(String image) {
        KafkaContainer container = new KafkaContainer(image);
        container.start();
        return new TestcontainersKafka(container, image);
    }

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public String description() {
        return "Testcontainers Kafka (" + image + ")";
    }

    @Override
    public void close() {
        container.stop();
    }
}
