/**
 * The hooks kafkaesk's publish path and consumers call for metrics and tracing, and their Micrometer and
 * OpenTelemetry implementations. The implementations are the only classes that refer to Micrometer or
 * OpenTelemetry types, and they are loaded only when an application asks for them.
 *
 * <p>Everything in this package is non-null unless a parameter or return value is annotated {@code @Nullable}.
 */
@NullMarked
package io.kafkaesk.internal.observe;

import org.jspecify.annotations.NullMarked;
