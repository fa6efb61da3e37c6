package io.kafkaesk.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.spring.test.EmbeddedKafkaInitializer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

class SpringShopTest {
    @Test
    void everyOrderIsChargedAndShippedOrDeadLettered() throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SpringShop.class)
                .web(WebApplicationType.NONE)
                .initializers(new EmbeddedKafkaInitializer())
                .run()) {
            Story story = context.getBean(Story.class);
            assertTrue(story.await(Duration.ofSeconds(90)), "the story did not complete in time");
            assertEquals(3, story.count("checkout"));
            assertEquals(1, story.count("dead-letter"));
        }
    }
}
