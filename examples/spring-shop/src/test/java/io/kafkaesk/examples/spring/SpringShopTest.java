package io.kafkaesk.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.spring.test.EmbeddedKafkaesk;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The shop story, as {@code SpringShop} runs it, in a {@code @SpringBootTest} on the shared test broker. */
@SpringBootTest
@EmbeddedKafkaesk
class SpringShopTest {
    @Autowired
    Story story;

    @Test
    void everyOrderIsChargedAndShippedOrDeadLettered() throws Exception {
        assertTrue(story.await(Duration.ofSeconds(90)), "the story did not complete in time");
        assertEquals(3, story.count("checkout"));
        assertEquals(3, story.count("journal"), "every order journaled once, by the batch listener");
        assertEquals(1, story.count("dead-letter"));
    }
}
