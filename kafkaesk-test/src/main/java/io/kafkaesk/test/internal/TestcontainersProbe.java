package io.kafkaesk.test.internal;

/**
 * Docker detection for {@link BrokerSelection}, kept apart from the Testcontainers-typed code so that this class
 * loads without Testcontainers on the classpath.
 */
final class TestcontainersProbe {
    private TestcontainersProbe() {}

    /** Whether Testcontainers can reach a Docker engine; call only when Testcontainers is on the classpath. */
    static boolean dockerAvailable() {
        return TestcontainersKafka.dockerAvailable();
    }
}
