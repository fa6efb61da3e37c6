package io.kafkaesk.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import io.kafkaesk.cli.Main;
import io.kafkaesk.test.SecureKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * The {@code --kafka-settings} JSON of the README's "Security: SSL and SASL" section works as it is written, in an
 * application and in the worker CLI, with only its user, password and trust store replaced by this test cluster's.
 */
@ExtendWith(SecuredCluster.class)
class ReadmeSettingsTest {
    private static final String USER = "readme-user";
    private static final String PASSWORD = "readme-Pa55";
    private static final Pattern SETTINGS = Pattern.compile("--kafka-settings '(\\{.*?\\})'", Pattern.DOTALL);

    @Test
    void readmeKafkaSettingsJsonPublishesOverSaslSsl(SecureKafka kafka) throws Exception {
        String json = readmeSettings(kafka);
        Map<String, Object> settings = JsonMapper.builder().build().readValue(json, new TypeReference<>() {});
        assertEquals("SASL_SSL", settings.get("security.protocol"));

        String prefix = SecuredCluster.uniquePrefix();
        kafka.allow(USER, ResourceType.TOPIC, prefix, PatternType.PREFIXED, AclOperation.ALL);
        try (Application app = Application.builder().kafkaServers(kafka.bootstrapServers()).topicPrefix(prefix)
                .kafkaSettings(settings).replicationFactor(1).publishTimeout(Duration.ofSeconds(5)).build()) {
            app.schema(Event.SCHEMA);
            app.publishAndWait("readme", new Event("e1", "as documented"));
        }
        assertEquals(1, SecureTopics.read(kafka, prefix + "readme", 1).size());
    }

    @Test
    void readmeKafkaSettingsJsonConnectsTheCliOverSaslSsl(SecureKafka kafka) throws Exception {
        String prefix = SecuredCluster.uniquePrefix();
        kafka.allow(USER, ResourceType.TOPIC, prefix, PatternType.PREFIXED, AclOperation.ALL);
        SecureTopics.create(kafka, prefix + "kafkaesk.dead-letter");
        // Replay keeps its position in a consumer group of its own (see the README's ACL table).
        kafka.allow(USER, ResourceType.GROUP, "kafkaesk-dlq-replay.", PatternType.PREFIXED, AclOperation.READ);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(List.of("dlq", "replay", "--dry-run", "--kafka-servers", kafka.bootstrapServers(),
                "--topic-prefix", prefix, "--kafka-settings", readmeSettings(kafka)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String output = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, output);
        assertTrue(output.contains("Dry run: 0 of 0 dead letters"), output);
    }

    /** The README's JSON with the user, password and trust store of this cluster; creates the user. */
    private static String readmeSettings(SecureKafka kafka) throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("## Security: SSL and SASL");
        assertTrue(section >= 0, "the README has a section 'Security: SSL and SASL'");
        Matcher m = SETTINGS.matcher(readme);
        assertTrue(m.find(section), "the security section shows --kafka-settings '<json>'");
        kafka.createUser(USER, PASSWORD);
        return m.group(1)
                .replace("username=\\\"billing\\\"", "username=\\\"" + USER + "\\\"")
                .replace("s3cret", PASSWORD)
                .replace("/etc/kafka/truststore.p12", kafka.truststoreLocation().toString())
                .replace("changeit", kafka.truststorePassword());
    }
}
