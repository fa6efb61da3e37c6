package io.kafkaesk.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import io.kafkaesk.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worker CLI never prints a password from {@code --kafka-settings}, whatever is wrong with it. */
class CliSecretsTest {
    /** Loaded by the CLI as {@code io.kafkaesk.security.CliSecretsTest$Apps#plain}. */
    public static final class Apps {
        private Apps() {}

        public static Application plain() {
            return Application.builder().build();
        }
    }

    private static final String PASSWORD = "cli-Pa55word-Q8";
    /** A JAAS configuration without its closing semicolon, which Kafka refuses before connecting. */
    private static final String BAD_JAAS_SETTINGS = "{\"security.protocol\": \"SASL_PLAINTEXT\", "
            + "\"sasl.mechanism\": \"SCRAM-SHA-512\", \"sasl.jaas.config\": "
            + "\"org.apache.kafka.common.security.scram.ScramLoginModule required username=\\\"u\\\" "
            + "password=\\\"" + PASSWORD + "\\\"\"}";

    private record Result(int exit, String out, String err) {}

    @Test
    void invalidJsonAroundAPasswordIsReportedWithoutIt() {
        Result r = run("dlq", "replay", "--kafka-servers", "localhost:9",
                "--kafka-settings", "{\"ssl.truststore.password\": unquotedSecret42}");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--kafka-settings"), r.err());
        assertFalse(r.err().contains("unquotedSecret42"), r.err());
    }

    @Test
    void workerWithABadJaasConfigReportsKafkasReasonWithoutThePassword() {
        Result r = run(Apps.class.getName() + "#plain", "--kafka-servers", "localhost:9", "--kafka-settings",
                BAD_JAAS_SETTINGS);
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("JAAS config entry not terminated by semi-colon"), r.err());
        assertFalse(r.err().contains(PASSWORD), r.err());
    }

    @Test
    void deadLetterReplayWithABadJaasConfigReportsKafkasReasonWithoutThePassword() {
        Result r = run("dlq", "replay", "--dry-run", "--kafka-servers", "localhost:9", "--kafka-settings",
                BAD_JAAS_SETTINGS);
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("JAAS config entry not terminated by semi-colon"), r.err());
        assertFalse(r.err().contains(PASSWORD), r.err());
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
