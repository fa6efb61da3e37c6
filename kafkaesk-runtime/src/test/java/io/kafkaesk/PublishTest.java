package io.kafkaesk;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.TestSchemas.Content;
import io.kafkaesk.TestSchemas.Order;
import io.kafkaesk.test.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Publishing against a real one-broker cluster, shared by the tests of this class; each test has its own prefix. */
class PublishTest {
    private static EmbeddedKafka kafka;
    private static Admin admin;

    private String prefix;
    private Application app;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = EmbeddedKafka.builder().brokers(1).start();
        admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
    }

    @AfterAll
    static void stopKafka() {
        admin.close();
        kafka.close();
    }

    @BeforeEach
    void newApplication() {
        prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
        app = Application.builder().kafkaServers(kafka.bootstrapServers()).topicPrefix(prefix).build();
    }

    @AfterEach
    void closeApplication() {
        app.close();
    }

    @Test
    void publishWritesTheEnvelopeKeyedByTheSchemasKeyPointer() {
        app.schema(TestSchemas.content());
        RecordMetadata metadata = app.publish("content.edited", new Content("bar", "a1")).join();
        assertEquals(prefix + "content.edited", metadata.topic());

        ConsumerRecord<byte[], byte[]> record = read("content.edited", 1).get(0);
        assertEquals("{\"schema\":\"Content:1\",\"data\":{\"foo\":\"bar\",\"id\":\"a1\"}}",
                new String(record.value(), UTF_8));
        assertArrayEquals("a1".getBytes(UTF_8), record.key());
        assertEquals(metadata.offset(), record.offset());
        assertEquals(metadata.partition(), record.partition());
    }

    @Test
    void anExplicitKeyWinsOverTheKeyPointer() {
        app.schema(TestSchemas.content());
        app.publishAndWait("s", new Content("bar", "a1"), new byte[] {0, (byte) 0xff});
        assertArrayEquals(new byte[] {0, (byte) 0xff}, read("s", 1).get(0).key());
    }

    @Test
    void aSchemaWithoutKeyPointerPublishesWithoutKey() {
        app.publishAndWait(TestSchemas.order(), "orders", new Order("o1", 2), null, List.of());
        assertNull(read("orders", 1).get(0).key());
    }

    @Test
    void aSchemasPublisherPublishesUnderThatSchemaWithTextKeysAndHeaders() {
        TypedPublisher<Order> orders = app.publisher(TestSchemas.order());
        orders.publish("orders", new Order("o1", 2), "k1", Map.of("x-request-id", "r1")).join();

        ConsumerRecord<byte[], byte[]> record = read("orders", 1).get(0);
        assertEquals("{\"schema\":\"Order:1\",\"data\":{\"id\":\"o1\",\"qty\":2}}",
                new String(record.value(), UTF_8));
        assertArrayEquals("k1".getBytes(UTF_8), record.key());
        assertArrayEquals("r1".getBytes(UTF_8), record.headers().lastHeader("x-request-id").value());
        assertThrows(SchemaValidationException.class, () -> orders.publish("orders", new Order(null, 0)));
    }

    @Test
    void headersRoundTripByteForByte() {
        List<Header> headers = List.of(
                new RecordHeader("traceparent",
                        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".getBytes(UTF_8)),
                new RecordHeader("binary", new byte[] {0, 1, (byte) 0xfe, (byte) 0xff}),
                new RecordHeader("binary", new byte[] {2}),
                new RecordHeader("empty", new byte[0]),
                new RecordHeader("null-value", (byte[]) null));
        app.schema(TestSchemas.content());
        app.publishAndWait("s", new Content("bar", "a1"), null, headers);

        Header[] received = read("s", 1).get(0).headers().toArray();
        assertEquals(headers.size(), received.length);
        for (int i = 0; i < headers.size(); i++) {
            assertEquals(headers.get(i).key(), received[i].key());
            assertArrayEquals(headers.get(i).value(), received[i].value(), headers.get(i).key());
        }
    }

    @Test
    void invalidDataThrowsListingEveryPathAndNothingReachesTheTopic() {
        app.schema(TestSchemas.order());
        SchemaValidationException e = assertThrows(SchemaValidationException.class,
                () -> app.publish("orders", new Order(null, 0)));
        assertEquals(Set.of("$.id", "$.qty"), Set.copyOf(e.violations().stream().map(v -> v.path()).toList()),
                e.getMessage());
        app.flush();
        // The topic was not even created: the record was refused before any contact with Kafka for it.
        assertEquals(-1, count("orders"));

        app.publishAndWait("orders", new Order("o1", 1));
        List<ConsumerRecord<byte[], byte[]>> records = read("orders", 1);
        assertEquals(1, records.size());
        assertEquals("{\"schema\":\"Order:1\",\"data\":{\"id\":\"o1\",\"qty\":1}}",
                new String(records.get(0).value(), UTF_8));
        assertEquals(1, count("orders"));
    }

    @Test
    void validationCanBeTurnedOff() {
        app.configure(b -> b.validatePublished(false));
        app.schema(TestSchemas.order());
        app.publishAndWait("orders", new Order("o1", 0));
        assertEquals("{\"schema\":\"Order:1\",\"data\":{\"id\":\"o1\",\"qty\":0}}",
                new String(read("orders", 1).get(0).value(), UTF_8));
    }

    @Test
    void aStreamUsedByOneSchemaIdRefusesAnotherBeforeSending() {
        app.schemas(List.of(TestSchemas.content(), TestSchemas.order()));
        app.publishAndWait("mixed", new Content("bar", "a1"));
        SchemaConflictException e = assertThrows(SchemaConflictException.class,
                () -> app.publish("mixed", new Order("o1", 1)));
        assertTrue(e.getMessage().startsWith("Stream 'mixed' carries schema Content:1, so it cannot take Order:1"),
                e.getMessage());

        MessageSchema<Content> v2 = MessageSchema.builder("Content", Content.class).version(2)
                .schemaJson(TestSchemas.CONTENT_JSON).build();
        app.publishAndWait(v2, "mixed", new Content("baz", "a2"), null, List.of());
        List<ConsumerRecord<byte[], byte[]>> records = read("mixed", 2);
        assertEquals(2, records.size());
        assertEquals(2, count("mixed"));
    }

    @Test
    void aStreamDeclaredByOneSchemaRefusesAnotherId() {
        app.schemas(List.of(TestSchemas.content("declared"), TestSchemas.order()));
        assertThrows(SchemaConflictException.class, () -> app.publish("declared", new Order("o1", 1)));
    }

    @Test
    void publishingUnderAnUnregisteredSchemaRegistersIt() {
        MessageSchema<Order> order = TestSchemas.order();
        app.publishAndWait(order, "orders", new Order("o1", 1), null, List.of());
        assertEquals(List.of(order), List.copyOf(app.schemas()));
        app.publishAndWait("orders", new Order("o2", 1)); // now found by class
    }

    @Test
    void aDescriptorPublishedBeforeStillRefusesAnotherSchemaUnderItsKey() {
        MessageSchema<Order> order = TestSchemas.order();
        app.publishAndWait(order, "orders", new Order("o1", 1), null, List.of());
        MessageSchema<Order> changed = MessageSchema.builder("Order", Order.class)
                .schemaJson(TestSchemas.ORDER_JSON.replace("\"minimum\": 1", "\"minimum\": 2")).build();
        assertThrows(SchemaConflictException.class,
                () -> app.publish(changed, "orders", new Order("o2", 5), null, List.of()));
        // An equal descriptor (another instance) is the same schema, and the first still publishes.
        app.publishAndWait(TestSchemas.order(), "orders", new Order("o3", 1), null, List.of());
        app.publishAndWait(order, "orders", new Order("o4", 1), null, List.of());
        assertThrows(SchemaValidationException.class,
                () -> app.publish(order, "orders", new Order("o5", 0), null, List.of()));
    }

    @Test
    void publishingADataClassWithoutSchemaSaysHowToRegisterOne() {
        KafkaeskException e = assertThrows(KafkaeskException.class, () -> app.publish("s", new Content("b", "a")));
        assertTrue(e.getMessage().startsWith("No schema is registered for io.kafkaesk.TestSchemas$Content"),
                e.getMessage());
    }

    @Test
    void newTopicsGetTheSchemasPartitionsAndRetention() throws Exception {
        app.schema(TestSchemas.order(3, Duration.ofHours(2)));
        app.publishAndWait("orders", new Order("o1", 1));
        TopicDescription description = TopicReader.describe(admin, prefix + "orders");
        assertEquals(3, description.partitions().size());
        assertEquals(1, description.partitions().get(0).replicas().size());
        assertEquals(String.valueOf(Duration.ofHours(2).toMillis()), retentionMs(prefix + "orders").value());
    }

    @Test
    void newTopicsWithoutSchemaSettingsGetSevenPartitionsAndTheBrokersRetention() throws Exception {
        app.schema(TestSchemas.content());
        app.publishAndWait("s", new Content("bar", "a1"));
        assertEquals(7, TopicReader.describe(admin, prefix + "s").partitions().size());
        assertEquals(ConfigEntry.ConfigSource.DEFAULT_CONFIG, retentionMs(prefix + "s").source());
    }

    @Test
    void defaultPartitionsAndReplicationFactorComeFromSettings() throws Exception {
        app.configure(b -> b.defaultPartitions(2).replicationFactor(1));
        app.schema(TestSchemas.content());
        app.publishAndWait("s", new Content("bar", "a1"));
        assertEquals(2, TopicReader.describe(admin, prefix + "s").partitions().size());
    }

    @Test
    void anExistingTopicIsNeverAlteredAndItsDriftIsReported() throws Exception {
        admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(prefix + "orders", 1, (short) 1)))
                .all().get();
        MessageSchema<Order> schema = TestSchemas.order(4, Duration.ofHours(1));
        app.schema(schema);
        app.publishAndWait("orders", new Order("o1", 1));
        assertEquals(1, TopicReader.describe(admin, prefix + "orders").partitions().size());
        assertEquals(ConfigEntry.ConfigSource.DEFAULT_CONFIG, retentionMs(prefix + "orders").source());

        List<String> drift = app.kafkaClients().topics().drift(prefix + "orders", schema).get();
        assertEquals(2, drift.size(), drift.toString());
        assertTrue(drift.get(0).contains("has 1 partitions, schema Order:1 asks for 4"), drift.toString());
        assertTrue(drift.get(1).contains("asks for 3600000"), drift.toString());
    }

    @Test
    void initializePreCreatesEveryDeclaredStream() throws Exception {
        app.schemas(List.of(TestSchemas.content("a.edited", "a.deleted"),
                TestSchemas.order(2, Duration.ofHours(1), "orders")));
        app.initialize();
        TopicReader.awaitTopics(admin, Set.of(prefix + "a.edited", prefix + "a.deleted", prefix + "orders"));
        assertEquals(2, TopicReader.describe(admin, prefix + "orders").partitions().size());
    }

    @Test
    void concurrentCreationOfOneTopicByTwoApplicationsSucceedsForBoth() {
        app.schema(TestSchemas.content());
        try (Application other = Application.builder().kafkaServers(kafka.bootstrapServers()).topicPrefix(prefix)
                .build()) {
            other.schema(TestSchemas.content());
            app.initialize();
            other.initialize();
            MessageSchema<Content> schema = TestSchemas.content();
            CompletableFuture<Void> a = app.kafkaClients().topics().ensureTopic(prefix + "raced", schema);
            CompletableFuture<Void> b = other.kafkaClients().topics().ensureTopic(prefix + "raced", schema);
            CompletableFuture.allOf(a, b).join();
            app.publishAndWait("raced", new Content("x", "1"));
            other.publishAndWait("raced", new Content("y", "2"));
        }
        assertEquals(2, read("raced", 2).size());
    }

    @Test
    void rawPublishSendsTheBytesAsTheyAre() {
        byte[] value = "not even json".getBytes(UTF_8);
        app.rawPublish("raw", value, "k".getBytes(UTF_8), List.of(new RecordHeader("h", new byte[] {9}))).join();
        ConsumerRecord<byte[], byte[]> record = read("raw", 1).get(0);
        assertArrayEquals(value, record.value());
        assertArrayEquals("k".getBytes(UTF_8), record.key());
        assertArrayEquals(new byte[] {9}, record.headers().lastHeader("h").value());
    }

    @Test
    void manyPublishesKeepTheirOrderPerKey() {
        app.schema(TestSchemas.content());
        List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            futures.add(app.publish("ordered", new Content(String.valueOf(i), "same-key")));
        }
        app.flush();
        assertTrue(futures.stream().allMatch(CompletableFuture::isDone));
        List<ConsumerRecord<byte[], byte[]>> records = read("ordered", 500);
        for (int i = 0; i < 500; i++) {
            assertEquals("{\"schema\":\"Content:1\",\"data\":{\"foo\":\"" + i + "\",\"id\":\"same-key\"}}",
                    new String(records.get(i).value(), UTF_8));
        }
    }

    @Test
    void onlyTheFirstPublishToAStreamTalksToTheAdminClient() {
        app.schema(TestSchemas.content());
        app.publishAndWait("s", new Content("bar", "a1"));
        double before = adminRequests();
        assertTrue(before > 0, "the admin client created the topic");
        for (int i = 0; i < 100; i++) {
            app.publish("s", new Content("bar", "a" + i));
        }
        app.publishAndWait("s", new Content("bar", "last"));
        assertEquals(before, adminRequests());
    }

    /** Requests the application's admin client has sent, summed over the nodes it talked to. */
    private double adminRequests() {
        return app.kafkaClients().admin().metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("request-total")
                        && e.getKey().group().equals("admin-client-node-metrics"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
    }

    @Test
    void aBurstOfRecordsToANewTopicIsDeliveredCompletely() {
        // Without waiting for the partitions' leaders, an idempotent producer's first batches can be refused and
        // then never accepted (KAFKA-15591): their futures fail after the delivery timeout.
        app.schema(TestSchemas.content());
        int n = 20_000;
        List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            futures.add(app.publish("burst", new Content("x", "k" + (i % 97))));
        }
        CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).join();
        assertEquals(n, count("burst"));
    }

    @Test
    void lifecycleHooksRunAfterConnectingAndBeforeClosing() {
        List<String> events = new ArrayList<>();
        app.schema(TestSchemas.content());
        app.onStart(() -> {
            events.add("initialize");
            app.publishAndWait("hooks", new Content("from-initialize", "h"));
        });
        app.onStop(() -> {
            events.add("finalize");
            app.publish("hooks", new Content("from-finalize", "h"));
        });
        app.initialize();
        app.initialize(); // idempotent: hooks run once
        assertEquals(List.of("initialize"), events);
        app.close();
        app.close();
        assertEquals(List.of("initialize", "finalize"), events);
        assertEquals(2, read("hooks", 2).size());
        assertThrows(IllegalStateException.class, () -> app.publish("hooks", new Content("late", "h")));
        assertThrows(IllegalStateException.class, () -> app.configure(b -> b.topicPrefix("x")));
    }

    @Test
    void publishConnectsOnFirstUseWithoutInitializing() {
        List<String> events = new ArrayList<>();
        app.onStart(() -> events.add("initialize"));
        app.publishAndWait(TestSchemas.order(), "orders", new Order("o1", 1), null, List.of());
        assertEquals(List.of(), events, "only initialize() starts the application");
        assertSame(app.kafkaClients(), app.kafkaClients());
        assertThrows(IllegalStateException.class, () -> app.configure(b -> b.topicPrefix("x")));
    }

    /** Every record of a stream's topic, once at least {@code expected} arrived. */
    private List<ConsumerRecord<byte[], byte[]>> read(String stream, int expected) {
        return TopicReader.read(kafka.bootstrapServers(), prefix + stream, expected);
    }

    /** The number of records in a stream's topic, -1 when it does not exist. */
    private long count(String stream) {
        return TopicReader.count(kafka.bootstrapServers(), prefix + stream);
    }

    private static ConfigEntry retentionMs(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource).get("retention.ms");
    }
}
