package io.kafkaesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.TestSchemas.Content;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouterTest {
    @Test
    void registeringTheSameSchemaTwiceIsHarmless() {
        Router router = new Router().schema(TestSchemas.content()).schema(TestSchemas.content());
        assertEquals(List.of(TestSchemas.content()), List.copyOf(router.schemas()));
    }

    @Test
    void differentSchemasUnderOneKeyConflictAndTheMessageNamesBoth() {
        MessageSchema<Content> other = MessageSchema.builder("Content", Content.class)
                .schemaJson("{\"type\":\"object\"}").retention(Duration.ofHours(1)).build();
        Router router = new Router().schema(TestSchemas.content());
        SchemaConflictException e = assertThrows(SchemaConflictException.class, () -> router.schema(other));
        assertTrue(e.getMessage().startsWith("Schema key Content:1 is already registered with a different definition: "
                + "Content:1 (io.kafkaesk.TestSchemas$Content) and Content:1 (io.kafkaesk.TestSchemas$Content) "
                + "differ in JSON schema, retention, key pointer"), e.getMessage());
        assertEquals(1, router.schemas().size());
    }

    @Test
    void versionsOfOneIdAreDistinctSchemas() {
        MessageSchema<Content> v2 = MessageSchema.builder("Content", Content.class).version(2)
                .schemaJson(TestSchemas.CONTENT_JSON).build();
        Router router = new Router().schema(TestSchemas.content()).schema(v2);
        assertEquals(2, router.schemas().size());
        assertSame(v2, router.schemaForKey("Content:2"));
    }

    @Test
    void aStreamDeclaredByTwoSchemaIdsIsRefused() {
        Router router = new Router().schema(TestSchemas.content("shared.stream"));
        SchemaConflictException e = assertThrows(SchemaConflictException.class,
                () -> router.schema(TestSchemas.order(1, Duration.ofHours(1), "shared.stream")));
        assertEquals("Stream 'shared.stream' is declared by schema Content:1 and by schema Order:1: a stream carries "
                + "one schema id (versions of that id may share it)", e.getMessage());
    }

    @Test
    void mountCopiesTheRoutersSchemas() {
        Router router = new Router().schemas(List.of(TestSchemas.content(), TestSchemas.order()));
        Application app = Application.builder().build();
        assertSame(app, app.mount(router));
        assertEquals(List.of(TestSchemas.content(), TestSchemas.order()), List.copyOf(app.schemas()));
    }

    @Test
    void mountRefusesAConflictingSchema() {
        Application app = Application.builder().build().schema(TestSchemas.content());
        Router router = new Router().schema(MessageSchema.builder("Content", Content.class)
                .schemaJson("{}").build());
        assertThrows(SchemaConflictException.class, () -> app.mount(router));
    }
}
