package io.kafkaesk.benchmarks;

import io.kafkaesk.benchmarks.events.BenchEvent;

/**
 * What a raw kafka-clients consumer decodes a kafkaesk record value into with plain Jackson: the envelope with
 * its data bound to the event class.
 */
public record RawEnvelope(String schema, BenchEvent data) {}
