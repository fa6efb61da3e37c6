/** Implementation of the test kit; not API, may change in any release. */
@NullMarked
package io.kafkaesk.test.internal;

import org.jspecify.annotations.NullMarked;
