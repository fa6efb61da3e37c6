/**
 * kafkaesk in Spring Boot: one {@link io.kafkaesk.Application} configured from {@code kafkaesk.*} properties,
 * every generated publisher a bean, {@link io.kafkaesk.spring.KafkaeskListener} beans subscribed, subscriptions
 * started and stopped with the context, a {@code kafkaesk} health indicator, meters and traces.
 *
 * <p>Everything in this package is non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package io.kafkaesk.spring;

import org.jspecify.annotations.NullMarked;
