/** Test support: Spring Boot applications on kafkaesk-test's in-process Kafka broker. */
@NullMarked
package io.kafkaesk.spring.test;

import org.jspecify.annotations.NullMarked;
