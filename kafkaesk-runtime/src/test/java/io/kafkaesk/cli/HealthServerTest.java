package io.kafkaesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import io.kafkaesk.test.KafkaCluster;
import io.kafkaesk.test.KafkaeskTest;
import io.kafkaesk.test.TopicPrefix;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The worker's health paths through a starting, a running and a closed application on a real broker: readiness
 * ({@code /health}, {@code /health/ready}) only while it is up, liveness ({@code /health/live}) until it is down.
 */
@KafkaeskTest
class HealthServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void livenessPassesWhileStartingAndReadinessOnlyOnceUp(KafkaCluster kafka, TopicPrefix prefix) throws Exception {
        Application app = Application.builder().kafkaServers(kafka.bootstrapServers()).topicPrefix(prefix.value())
                .build();
        app.subscribeBytes("probes.notes", "probes-g", (value, context) -> { });
        try (HealthServer server = HealthServer.start("127.0.0.1", 0, app)) {
            HttpResponse<String> live = get(server, "/health/live");
            assertEquals(200, live.statusCode(), live.body());
            assertTrue(live.body().startsWith("starting\n"), live.body());
            assertTrue(live.body().contains("probes-g"), live.body());
            assertEquals(503, get(server, "/health/ready").statusCode());
            assertEquals(503, get(server, "/health").statusCode());

            app.initialize();
            for (String path : new String[] {"/health", "/health/ready", "/health/live"}) {
                HttpResponse<String> up = get(server, path);
                assertEquals(200, up.statusCode(), path + ": " + up.body());
                assertTrue(up.body().startsWith("ok\n"), up.body());
            }

            app.close();
            for (String path : new String[] {"/health", "/health/ready", "/health/live"}) {
                HttpResponse<String> down = get(server, path);
                assertEquals(503, down.statusCode(), path + ": " + down.body());
                assertTrue(down.body().startsWith("unhealthy: DOWN\n"), down.body());
            }
            assertEquals(404, get(server, "/health/other").statusCode());
        } finally {
            app.close();
        }
    }

    private HttpResponse<String> get(HealthServer server, String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + server.port() + path);
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
