package io.kafkaesk.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;

@KafkaeskTest(brokers = 3)
class BrokerFailoverTest {
    @Test
    void keepsServingWhileALeaderIsDownAndTheBrokerRejoinsTheIsr(EmbeddedKafka kafka, Admin admin, TopicPrefix prefix)
            throws Exception {
        assertEquals(Set.of(0, 1, 2), kafka.brokerIds());
        String topic = prefix.topic("replicated");
        admin.createTopics(List.of(new NewTopic(topic, 3, (short) 3)
                        .configs(Map.of("min.insync.replicas", "2"))))
                .all().get();
        Clients.await("all replicas in sync", () -> isrSizes(admin, topic).equals(List.of(3, 3, 3)),
                () -> describe(admin, topic));
        int leader = describe(admin, topic).partitions().get(0).leader().id();

        kafka.stopBroker(leader);

        assertFalse(kafka.runningBrokerIds().contains(leader));
        Clients.await("broker " + leader + " to leave every ISR",
                () -> describe(admin, topic).partitions().stream().noneMatch(p -> inIsr(p, leader)),
                () -> describe(admin, topic));
        List<String> sent = IntStream.range(0, 500).mapToObj(i -> "while-down-" + i).toList();
        Clients.produce(kafka, topic, sent);
        assertEquals(Set.copyOf(sent), Set.copyOf(Clients.consume(kafka, topic, prefix.topic("down"), sent.size())));

        kafka.startBroker(leader);

        assertTrue(kafka.runningBrokerIds().contains(leader));
        Clients.await("broker " + leader + " back in every ISR",
                () -> describe(admin, topic).partitions().stream()
                        .allMatch(p -> inIsr(p, leader) && p.isr().size() == 3),
                () -> describe(admin, topic));
        List<String> more = IntStream.range(0, 500).mapToObj(i -> "after-rejoin-" + i).toList();
        Clients.produce(kafka, topic, more);
        assertEquals(1000, Clients.consume(kafka, topic, prefix.topic("up"), 1000).size());
    }

    private static boolean inIsr(TopicPartitionInfo partition, int broker) {
        return partition.isr().stream().map(Node::id).anyMatch(id -> id == broker);
    }

    private static List<Integer> isrSizes(Admin admin, String topic) {
        return describe(admin, topic).partitions().stream().map(p -> p.isr().size()).toList();
    }

    private static TopicDescription describe(Admin admin, String topic) {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
