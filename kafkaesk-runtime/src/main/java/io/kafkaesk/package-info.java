/**
 * kafkaesk: typed, schema-validated events on Apache Kafka.
 *
 * <p>Start with {@link io.kafkaesk.Application}: register {@link io.kafkaesk.MessageSchema schemas}, publish data
 * objects to streams, and subscribe handlers to stream patterns. Every record value is the JSON envelope
 * {@code {"schema":"Id:version","data":{...}}}, so producers and consumers in any language can share a topic.
 *
 * <p>Everything in this package is non-null unless a parameter or return value is annotated {@code @Nullable}.
 */
@NullMarked
package io.kafkaesk;

import org.jspecify.annotations.NullMarked;
