/**
 * The {@code kafkaesk} command line: the worker that runs an application, and dead-letter replay.
 * The entry point is {@link io.kafkaesk.cli.Main}.
 */
@NullMarked
package io.kafkaesk.cli;

import org.jspecify.annotations.NullMarked;
