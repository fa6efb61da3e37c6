package io.kafkaesk.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import io.kafkaesk.test.SecureKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code --kafka-settings} JSON of the README's "Security: SSL and SASL" section works as it is written, with
 * only its user, password and trust store replaced by this test cluster's.
 */
@ExtendWith(SecuredCluster.class)
class ReadmeSettingsTest {
    private static final Pattern SETTINGS = Pattern.compile("--kafka-settings '(\\{.*?\\})'", Pattern.DOTALL);

    @Test
    void readmeKafkaSettingsJsonPublishesOverSaslSsl(SecureKafka kafka) throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher m = SETTINGS.matcher(readme);
        assertTrue(m.find(), "the README shows --kafka-settings '<json>'");
        String password = "readme-Pa55";
        String json = m.group(1)
                .replace("username=\\\"billing\\\"", "username=\\\"readme-user\\\"")
                .replace("s3cret", password)
                .replace("/etc/kafka/truststore.p12", kafka.truststoreLocation().toString())
                .replace("changeit", kafka.truststorePassword());
        Map<String, Object> settings = JsonMapper.builder().build().readValue(json, new TypeReference<>() {});
        assertEquals("SASL_SSL", settings.get("security.protocol"));

        String prefix = SecuredCluster.uniquePrefix();
        kafka.createUser("readme-user", password);
        kafka.allow("readme-user", ResourceType.TOPIC, prefix, PatternType.PREFIXED, AclOperation.ALL);
        try (Application app = Application.builder().kafkaServers(kafka.bootstrapServers()).topicPrefix(prefix)
                .kafkaSettings(settings).replicationFactor(1).publishTimeout(Duration.ofSeconds(5)).build()) {
            app.schema(Event.SCHEMA);
            app.publishAndWait("readme", new Event("e1", "as documented"));
        }
        assertEquals(1, SecureTopics.read(kafka, prefix + "readme", 1).size());
    }
}
