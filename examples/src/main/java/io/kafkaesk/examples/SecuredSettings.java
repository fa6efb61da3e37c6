package io.kafkaesk.examples;

import io.kafkaesk.Application;
import java.time.Duration;
import java.util.Map;

/**
 * The README's SASL_SSL configuration ("Security: SSL and SASL"), here so that the build compiles it. The passwords
 * come from the environment, as they should in a real service; {@code SecuredShopTest} runs the same settings
 * against a secured broker.
 */
final class SecuredSettings {
    private SecuredSettings() {}

    /** The billing service's application, configured for a managed cluster with SCRAM over TLS. */
    static Application billing() {
        Application app = Application.builder()
                .kafkaServers("kafka-1.example.com:9094", "kafka-2.example.com:9094")
                .kafkaSettings(Map.of(
                        "security.protocol", "SASL_SSL",
                        "sasl.mechanism", "SCRAM-SHA-512",
                        "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                                + "username=\"billing\" password=\"" + System.getenv("KAFKA_PASSWORD") + "\";",
                        // Only when the brokers' certificates are not signed by an authority the JVM already trusts:
                        "ssl.truststore.location", "/etc/kafka/truststore.p12",
                        "ssl.truststore.type", "PKCS12",
                        "ssl.truststore.password", System.getenv("TRUSTSTORE_PASSWORD")))
                .publishTimeout(Duration.ofSeconds(10))
                .build();
        return app;
    }
}
