/**
 * Compatibility of schema versions: which changes between two versions of one schema break old or new consumers,
 * and the check that compares the versions of a source set and a baseline. Not API.
 */
@NullMarked
package io.kafkaesk.codegen.internal.compat;

import org.jspecify.annotations.NullMarked;
