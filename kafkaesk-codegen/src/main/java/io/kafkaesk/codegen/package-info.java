/**
 * Turns kafkaesk schema files into Java sources: build a {@link io.kafkaesk.codegen.CodegenRequest} and call
 * {@link io.kafkaesk.codegen.Codegen#run(CodegenRequest)}. The Maven plugin, tests and any other tool use the same
 * entry point. Nothing here knows Maven or Kafka.
 */
@NullMarked
package io.kafkaesk.codegen;

import org.jspecify.annotations.NullMarked;
