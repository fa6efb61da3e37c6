package io.kafkaesk.consume;

import io.kafkaesk.Application;
import io.kafkaesk.test.EmbeddedKafka;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the consume tests share: a one-broker cluster per test class, a fresh topic prefix per test, and the
 * applications a test made, closed after it.
 */
abstract class BrokerTestBase {
    static EmbeddedKafka kafka;
    final List<Application> apps = new ArrayList<>();
    String prefix;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.builder().brokers(1).start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @BeforeEach
    void newPrefix() {
        prefix = Kit.prefix();
    }

    @AfterEach
    void closeApps() {
        apps.forEach(Application::close);
    }
}
