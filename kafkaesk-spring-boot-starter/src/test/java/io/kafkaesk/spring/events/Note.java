package io.kafkaesk.spring.events;

/** The test's data class, as the plugin would generate it: fields in alphabetical order. */
public record Note(String id, String text) {}
