/**
 * Structured logging for kafkaesk applications: {@link io.kafkaesk.logging.KafkaeskAppender}, a Logback appender
 * that publishes each log event as a {@code PydanticLogModel:1} message (Python kafkaesk's log contract) to a
 * kafkaesk stream without ever blocking the application; {@link io.kafkaesk.logging.LogTimestamps}, which reads the
 * records' timestamps of both languages; and {@link io.kafkaesk.logging.StructuredFieldsConverter}, which prints
 * the same structured fields on the console.
 *
 * <p>Everything in this package is non-null unless a parameter or return value is annotated {@code @Nullable}.
 */
@NullMarked
package io.kafkaesk.logging;

import org.jspecify.annotations.NullMarked;
