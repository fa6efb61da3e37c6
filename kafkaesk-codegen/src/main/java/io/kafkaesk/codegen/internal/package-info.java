/** The steps of a code generation run; not API, may change in any release. */
@NullMarked
package io.kafkaesk.codegen.internal;

import org.jspecify.annotations.NullMarked;
