package io.kafkaesk.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostInfoTest {
    @Test
    void serviceIsThePodNameWithoutItsLastTwoParts() {
        assertEquals("orders-api", HostInfo.service("orders-api-5d9c7b8f6-x2x7q"));
        assertEquals("orders", HostInfo.service("orders-5d9c7b8f6-x2x7q"));
        assertEquals("unknown", HostInfo.service("laptop-7"), "as Python names a host that is not a pod");
        assertEquals("unknown", HostInfo.service("laptop"));
    }

    @Test
    void readsNamespaceFromTheServiceAccountAndClusterFromTheEnvironment(@TempDir Path dir) throws Exception {
        Path namespace = Files.writeString(dir.resolve("namespace"), "shop\n");
        HostInfo info = HostInfo.detect(Map.of("HOSTNAME", "cart-6b7c-abcde", "CLUSTER", "eu-1"), namespace);
        assertEquals(new HostInfo("cart-6b7c-abcde", "cart", "shop", "eu-1"), info);
        HostInfo outside = HostInfo.detect(Map.of("HOSTNAME", "dev"), dir.resolve("missing"));
        assertEquals(new HostInfo("dev", "unknown", null, null), outside);
    }
}
