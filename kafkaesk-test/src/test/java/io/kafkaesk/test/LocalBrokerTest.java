package io.kafkaesk.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBrokerTest {
    @TempDir
    Path data;

    @Test
    void keepsTopicsAcrossRestartsOnTheSamePort() throws Exception {
        int port = freePort();
        try (LocalBroker broker = LocalBroker.builder().port(port).dataDirectory(data).start()) {
            assertEquals("localhost:" + port, broker.bootstrapServers());
            try (Admin admin = admin(broker)) {
                admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
        }
        try (LocalBroker again = LocalBroker.builder().port(port).dataDirectory(data).start();
                Admin admin = admin(again)) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertTrue(topics.contains("kept"), "topics after a restart: " + topics);
        }
        try (LocalBroker fresh = LocalBroker.builder().port(port).dataDirectory(data).fresh(true).start();
                Admin admin = admin(fresh)) {
            assertFalse(admin.listTopics().names().get(30, TimeUnit.SECONDS).contains("kept"));
        }
    }

    @Test
    void aTakenPortIsNamed() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> LocalBroker.builder().port(taken.getLocalPort()).dataDirectory(data).start());
            assertTrue(e.getMessage().contains("Port " + taken.getLocalPort() + " is taken"), e.getMessage());
        }
    }

    private static Admin admin(LocalBroker broker) {
        return Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
