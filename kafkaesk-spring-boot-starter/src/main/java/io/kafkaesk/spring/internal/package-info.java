/** The starter's implementation: listener registration, publisher bean definitions, settings resolution. */
@NullMarked
package io.kafkaesk.spring.internal;

import org.jspecify.annotations.NullMarked;
