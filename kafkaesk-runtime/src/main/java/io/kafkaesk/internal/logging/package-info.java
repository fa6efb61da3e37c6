/** The standard-error logging a worker falls back to when the class path has no SLF4J provider. */
@NullMarked
package io.kafkaesk.internal.logging;

import org.jspecify.annotations.NullMarked;
