package io.kafkaesk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

class BindErrorsTest {
    /** A data class as kafkaesk generates it for integers: Long by default, Integer when the schema bounds it. */
    public static final class Counts {
        public Long count;
        public Integer percent;
        public List<Long> history;
    }

    private static String reason(String json) {
        JacksonException e = assertThrows(JacksonException.class,
                () -> Json.mapper().treeToValue(Json.mapper().readTree(json), Counts.class));
        return BindErrors.describe(e);
    }

    @Test
    void aNumberBeyond64BitsIsRefusedNeverWrappedAndTheReasonSaysWhereAndWhatToDo() {
        String reason = reason("{\"count\":18446744073709551616}");
        assertTrue(reason.startsWith("the number at /count does not fit the Java type long (64 bits: "
                + "-9223372036854775808 to 9223372036854775807)"), reason);
        assertTrue(reason.contains("18446744073709551616"), "names the value: " + reason);
        assertTrue(reason.contains("\"javaType\": \"java.math.BigInteger\""), "says what to do: " + reason);
    }

    @Test
    void thePointerReachesIntoArrays() {
        String reason = reason("{\"history\":[1,2,99999999999999999999]}");
        assertTrue(reason.startsWith("the number at /history/2 does not fit"), reason);
    }

    @Test
    void aSmallerTypeChosenByTheSchemaIsNamed() {
        String reason = reason("{\"percent\":3000000000}");
        assertTrue(reason.startsWith("the number at /percent does not fit the Java type int,"), reason);
    }

    @Test
    void sixtyFourBitValuesBind() {
        Counts c = Json.mapper().treeToValue(Json.mapper().readTree(
                "{\"count\":9223372036854775807,\"history\":[3000000000,-9223372036854775808]}"), Counts.class);
        assertEquals(Long.MAX_VALUE, c.count);
        assertEquals(List.of(3_000_000_000L, Long.MIN_VALUE), c.history);
    }
}
