package io.kafkaesk.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The options of {@code dlq replay} and the worker's {@code --instance-id}, read and checked without a broker. */
class ReplayArgumentsTest {
    private static DeadLetterReplay.Options options(String... args) {
        return CliArguments.replayOptions(CliArguments.parse(List.of(args),
                Set.of("dead-letter-stream", "topic", "error-class", "group", "since", "offsets"),
                Set.of("dry-run", "from-beginning")));
    }

    @Test
    void sinceTakesAnInstantADateOrAnAge() {
        assertEquals(Instant.parse("2026-12-01T10:00:00Z"), CliArguments.since("2026-12-01T10:00:00Z"));
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), CliArguments.since("2026-12-01"));
        Instant twoHoursAgo = CliArguments.since("2h");
        Duration age = Duration.between(twoHoursAgo, Instant.now());
        assertTrue(age.compareTo(Duration.ofMinutes(119)) > 0 && age.compareTo(Duration.ofMinutes(121)) < 0, age::toString);
        UsageException e = assertThrows(UsageException.class, () -> CliArguments.since("yesterday"));
        assertTrue(e.getMessage().contains("Invalid value 'yesterday' for --since"), e.getMessage());
    }

    @Test
    void offsetsTakeSingleOffsetsAndInclusiveRangesPerPartition() {
        Map<Integer, List<long[]>> ranges = DeadLetterReplay.parseOffsets("0:15, 2:40-52,0:7");
        assertEquals(Set.of(0, 2), ranges.keySet());
        assertArrayEquals(new long[] {15, 15}, ranges.get(0).get(0));
        assertArrayEquals(new long[] {7, 7}, ranges.get(0).get(1));
        assertArrayEquals(new long[] {40, 52}, ranges.get(2).get(0));
        for (String bad : List.of("3", "a:1", "1:9-2", "-1:4")) {
            UsageException e = assertThrows(UsageException.class, () -> DeadLetterReplay.parseOffsets(bad));
            assertTrue(e.getMessage().contains("in --offsets: expected PARTITION:OFFSET"), e.getMessage());
        }
    }

    @Test
    void oneStartingPointAtMostAndAValidDeadLetterStream() {
        UsageException e = assertThrows(UsageException.class, () -> options("--from-beginning", "--since", "1d"));
        assertTrue(e.getMessage().contains("choose one of --from-beginning, --since and --offsets"), e.getMessage());
        e = assertThrows(UsageException.class, () -> options("--dead-letter-stream", "billing.failures"));
        assertTrue(e.getMessage().contains("ends with 'dead-letter' or 'dlq'"), e.getMessage());
        DeadLetterReplay.Options o = options("--dead-letter-stream", "billing.dlq", "--topic", "orders", "--dry-run");
        assertEquals("billing.dlq", o.deadLetterStream());
        assertEquals("orders", o.topic());
        assertTrue(o.dryRun());
        assertFalse(o.fromBeginning());
    }

    @Test
    void instanceIdAutoIsTheHostName() {
        assertEquals("worker-7", CliArguments.instanceId("worker-7"));
        String host = CliArguments.instanceId("auto");
        assertFalse(host.isBlank());
        assertTrue(!host.equals("auto"), host);
        assertThrows(UsageException.class, () -> CliArguments.instanceId(" "));
    }
}
