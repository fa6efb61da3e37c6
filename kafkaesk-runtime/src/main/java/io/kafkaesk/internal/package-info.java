/**
 * kafkaesk's implementation: the envelope codec, schema validation, topic creation and Kafka client
 * configuration. Public so that kafkaesk's own packages can share it; not an API for applications, and it may
 * change in any release.
 *
 * <p>Everything in this package is non-null unless a parameter or return value is annotated {@code @Nullable}.
 */
@NullMarked
package io.kafkaesk.internal;

import org.jspecify.annotations.NullMarked;
