package io.kafkaesk.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} parameter of a {@link KafkaeskTest} test, lifecycle method or constructor that receives
 * the cluster's {@code bootstrap.servers} value.
 *
 * <pre>{@code
 * @Test
 * void publishes(@BootstrapServers String servers, TopicPrefix prefix) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface BootstrapServers {}
