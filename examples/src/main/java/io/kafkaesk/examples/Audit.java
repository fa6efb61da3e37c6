package io.kafkaesk.examples;

import io.kafkaesk.EnvelopeHandler;
import io.kafkaesk.MessageContext;
import tools.jackson.databind.JsonNode;

/** Sees every order of any version as the raw envelope, the way a tool in another language would. */
public final class Audit implements EnvelopeHandler {
    private final Journal journal;

    Audit(Journal journal) {
        this.journal = journal;
    }

    @Override
    public void handle(JsonNode envelope, MessageContext context) {
        journal.record("audit", context, envelope.get("schema").asString() + " " + envelope.get("data").get("orderId")
                .asString() + " on " + context.record().topic());
    }
}
