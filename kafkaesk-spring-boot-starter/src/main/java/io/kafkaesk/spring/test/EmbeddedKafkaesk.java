package io.kafkaesk.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ContextConfiguration;

/**
 * Runs a {@code @SpringBootTest} against a real Kafka broker: kafkaesk-test's in-process KRaft broker, shared by
 * every context of the test run, or the cluster that {@code KAFKA=host:port} names.
 *
 * <p>It registers {@link EmbeddedKafkaInitializer}, which sets {@code kafkaesk.servers} and a topic prefix unique
 * to the context (unless the test sets {@code kafkaesk.topic-prefix}). Spring caches the context as usual, so test
 * classes with the same configuration share one application, its topics and its consumer groups:
 *
 * <pre>{@code
 * @SpringBootTest
 * @EmbeddedKafkaesk
 * class CheckoutTest {
 *     @Autowired OrderPlacedPublisher orders;
 *     ...
 * }
 * }</pre>
 *
 * <p>Needs {@code io.kafkaesk:kafkaesk-test} and {@code spring-boot-test} (JUnit Jupiter 6 with Spring Boot 4) on
 * the test class path.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ContextConfiguration(initializers = EmbeddedKafkaInitializer.class)
public @interface EmbeddedKafkaesk {}
