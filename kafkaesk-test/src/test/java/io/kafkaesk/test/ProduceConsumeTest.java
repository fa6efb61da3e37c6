package io.kafkaesk.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

@KafkaeskTest
class ProduceConsumeTest {
    @Test
    void consumesEveryOneOfTenThousandRecords(KafkaCluster kafka, Admin admin, TopicPrefix prefix) throws Exception {
        String topic = prefix.topic("ten-thousand");
        admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        List<String> sent = IntStream.range(0, 10_000).mapToObj(i -> "value-" + i).toList();

        Clients.produce(kafka, topic, sent);
        List<String> received = Clients.consume(kafka, topic, prefix.value() + "group", sent.size());

        assertEquals(sent.size(), received.size(), "records consumed");
        Set<String> missing = new HashSet<>(sent);
        received.forEach(missing::remove);
        assertEquals(Set.of(), missing, "values never consumed");
        assertEquals(sent.size(), new HashSet<>(received).size(), "distinct values consumed");
    }
}
