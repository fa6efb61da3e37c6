/**
 * A real Kafka for tests: {@link io.kafkaesk.test.EmbeddedKafka}, an in-process KRaft cluster,
 * {@link io.kafkaesk.test.SecureKafka}, the same with TLS, SASL/SCRAM and ACLs, and
 * {@link io.kafkaesk.test.KafkaeskTest}, a JUnit 5 extension that hands tests a cluster, its bootstrap servers and
 * a unique topic prefix.
 */
@NullMarked
package io.kafkaesk.test;

import org.jspecify.annotations.NullMarked;
