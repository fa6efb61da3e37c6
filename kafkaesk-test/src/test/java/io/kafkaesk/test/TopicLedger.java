package io.kafkaesk.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * What each topic-isolation test created, so that tests running later in the same JVM can check that they share
 * the cluster with the earlier ones and still see only their own topics under their prefix.
 */
final class TopicLedger {
    record Entry(String test, String bootstrapServers, TopicPrefix prefix, Set<String> topics) {}

    private static final Map<String, Entry> ENTRIES = new ConcurrentHashMap<>();

    private TopicLedger() {}

    /**
     * Creates three topics under the prefix, then checks, against the live cluster, that listing by this prefix
     * shows exactly them, and that every earlier test ran on the same shared cluster, had a different prefix, and
     * has its topics still there but never under this prefix.
     */
    static void createAndCheckIsolation(String test, KafkaCluster kafka, Admin admin, TopicPrefix prefix)
            throws Exception {
        Set<String> mine = Set.of(prefix.topic("orders"), prefix.topic("payments"), prefix.topic("orders.v2"));
        admin.createTopics(mine.stream().map(name -> new NewTopic(name, 1, (short) 1)).toList()).all().get();

        // Brokers learn of new topics from the controller a moment after creation succeeds.
        Clients.await("the new topics to be listed", () -> underPrefix(admin, prefix).containsAll(mine),
                () -> underPrefix(admin, prefix));
        Set<String> all = admin.listTopics().names().get();
        assertEquals(mine, all.stream().filter(prefix::owns).collect(Collectors.toSet()), "topics under " + prefix);

        for (Entry earlier : List.copyOf(ENTRIES.values())) {
            assertNotEquals(earlier.prefix(), prefix, "prefix of " + test + " and of " + earlier.test());
            assertFalse(prefix.owns(earlier.prefix().value()) || earlier.prefix().owns(prefix.value()),
                    "one prefix starts with the other: " + prefix + ", " + earlier.prefix());
            // Every test recorded here runs under a plain @KafkaeskTest, so all share one cluster.
            assertEquals(earlier.bootstrapServers(), kafka.bootstrapServers(),
                    "cluster of " + test + " and of " + earlier.test());
            assertTrue(all.containsAll(earlier.topics()),
                    "topics of " + earlier.test() + " are on the shared cluster: " + earlier.topics());
            assertTrue(earlier.topics().stream().noneMatch(prefix::owns),
                    "topics of " + earlier.test() + " listed under " + prefix);
        }
        ENTRIES.put(test, new Entry(test, kafka.bootstrapServers(), prefix, mine));
    }

    private static Set<String> underPrefix(Admin admin, TopicPrefix prefix) {
        try {
            return admin.listTopics().names().get().stream().filter(prefix::owns).collect(Collectors.toSet());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
