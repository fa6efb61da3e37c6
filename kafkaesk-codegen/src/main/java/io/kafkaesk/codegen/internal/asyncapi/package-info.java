/** The AsyncAPI 3.0 document of a schema set: streams as channels, schema versions as messages. Not API. */
@NullMarked
package io.kafkaesk.codegen.internal.asyncapi;

import org.jspecify.annotations.NullMarked;
