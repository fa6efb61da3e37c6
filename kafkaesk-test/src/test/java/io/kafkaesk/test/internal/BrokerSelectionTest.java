package io.kafkaesk.test.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

class BrokerSelectionTest {
    private static final BooleanSupplier YES = () -> true;
    private static final BooleanSupplier NO = () -> false;
    private static final BooleanSupplier NOT_ASKED = () -> {
        throw new AssertionError("probe must not run");
    };

    @Test
    void usesTheEmbeddedBrokerByDefault() {
        assertEquals(new BrokerSelection.Embedded(), BrokerSelection.choose(Map.of(), NOT_ASKED, NOT_ASKED));
        assertEquals(new BrokerSelection.Embedded(),
                BrokerSelection.choose(Map.of("KAFKAESK_BROKER", "embedded", "KAFKA", " "), NOT_ASKED, NOT_ASKED));
    }

    @Test
    void usesTheBrokerNamedByKafka() {
        assertEquals(new BrokerSelection.External("localhost:9092"),
                BrokerSelection.choose(Map.of("KAFKA", "localhost:9092"), NOT_ASKED, NOT_ASKED));
        assertEquals(new BrokerSelection.External("k1:9092,k2.example.com:19092"),
                BrokerSelection.choose(Map.of("KAFKA", " k1:9092,k2.example.com:19092 "), NOT_ASKED, NOT_ASKED));
    }

    @Test
    void rejectsAKafkaValueThatIsNotHostAndPort() {
        assertEquals("Invalid value 'localhost' for environment variable KAFKA: expected host:port or a"
                        + " comma-separated list of them, e.g. KAFKA=localhost:9092; unset it to use the in-process"
                        + " broker",
                failure(Map.of("KAFKA", "localhost"), NOT_ASKED, NOT_ASKED));
        assertTrue(failure(Map.of("KAFKA", "a:1, b:2"), NOT_ASKED, NOT_ASKED).startsWith("Invalid value 'a:1, b:2'"));
    }

    @Test
    void refusesTwoVariablesChoosingABroker() {
        assertEquals("KAFKA=localhost:9092 and KAFKAESK_BROKER=testcontainers both choose a broker for the tests;"
                        + " set only one of them",
                failure(Map.of("KAFKA", "localhost:9092", "KAFKAESK_BROKER", "testcontainers"), NOT_ASKED, NOT_ASKED));
    }

    @Test
    void rejectsAnUnknownBrokerKind() {
        assertEquals("Invalid value 'docker' for environment variable KAFKAESK_BROKER: use 'embedded' (the default)"
                        + " or 'testcontainers', or unset it and set KAFKA=host:port to use a running broker",
                failure(Map.of("KAFKAESK_BROKER", "docker"), NOT_ASKED, NOT_ASKED));
    }

    @Test
    void explainsThatTestcontainersIsMissingFromTheClasspath() {
        assertEquals("KAFKAESK_BROKER=testcontainers needs org.testcontainers:testcontainers-kafka on the test"
                        + " classpath; add it as a test dependency, or unset KAFKAESK_BROKER to use the in-process"
                        + " broker",
                failure(Map.of("KAFKAESK_BROKER", "testcontainers"), NO, NOT_ASKED));
    }

    @Test
    void explainsThatTestcontainersFoundNoDocker() {
        assertEquals(NO_DOCKER, failure(Map.of("KAFKAESK_BROKER", "testcontainers"), YES, NO));
    }

    @Test
    void reportsMissingDockerWithTheRealProbesOnAMachineWithoutDocker() {
        assumeTrue(System.getenv("DOCKER_HOST") == null && !Files.exists(Path.of("/var/run/docker.sock")),
                "this machine may have a Docker engine");
        assertTrue(BrokerSelection.testcontainersOnClasspath(), "testcontainers-kafka is on the kit's test classpath");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> BrokerSelection.choose(
                Map.of("KAFKAESK_BROKER", "testcontainers"),
                BrokerSelection::testcontainersOnClasspath, TestcontainersProbe::dockerAvailable));
        assertEquals(NO_DOCKER, e.getMessage());
    }

    @Test
    void startsTheKafkaImageOfTheClientsVersionUnlessOverridden() {
        assertEquals(new BrokerSelection.Testcontainers("apache/kafka:" + AppInfoParser.getVersion()),
                BrokerSelection.choose(Map.of("KAFKAESK_BROKER", "testcontainers"), YES, YES));
        assertEquals(new BrokerSelection.Testcontainers("apache/kafka-native:4.1.0"), BrokerSelection.choose(
                Map.of("KAFKAESK_BROKER", "TestContainers", "KAFKAESK_KAFKA_IMAGE", "apache/kafka-native:4.1.0"),
                YES, YES));
    }

    private static final String NO_DOCKER = "KAFKAESK_BROKER=testcontainers, but Testcontainers found no Docker"
            + " engine; start Docker, or unset KAFKAESK_BROKER to use the in-process broker, or set KAFKA=host:port"
            + " to use a running broker";

    private static String failure(Map<String, String> env, BooleanSupplier classpath, BooleanSupplier docker) {
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> BrokerSelection.choose(env, classpath, docker));
        return e.getMessage();
    }
}
