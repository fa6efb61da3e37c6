package io.kafkaesk.codegen.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Schema names that are not Java identifiers map to safe ones instead of failing. */
class NamesTest {
    @Test
    void classNamesJoinWordsAndSurviveLeadingDigits() {
        assertEquals("ContentEdited", Names.className("content-edited"));
        assertEquals("ContentEditedResource", Names.className("content.edited.Resource"));
        assertEquals("_3dModel", Names.className("3d-model"));
        assertEquals("Schema", Names.className("--"));
        assertEquals("Ünïcode", Names.className("ünïcode"));
    }

    @Test
    void memberNamesAvoidJavaKeywords() {
        assertEquals("class_", Names.memberName("class"));
        assertEquals("contentEdited", Names.memberName("content-edited"));
        assertEquals("_2fa", Names.memberName("2fa"));
    }

    @Test
    void packageSegmentsAreLowerCaseAndAvoidKeywords() {
        assertEquals("new_", Names.packageSegment("new"));
        assertEquals("order_events", Names.packageSegment("Order-Events"));
        assertEquals("_2026", Names.packageSegment("2026"));
    }

    @Test
    void javadocEscapingKeepsCommentsClosedAndUnicodeEscapesInert() {
        assertEquals("a *&#47; b &lt;i&gt; &amp; &#92;u0041", Javadoc.escape("a */ b <i> & \\u0041"));
        assertEquals("&#64;deprecated not a tag, but @this is fine", Javadoc.escape("@deprecated not a tag, but @this is fine"));
        assertEquals("C:\\\\users and \\\\u already even", Javadoc.neutralizeUnicodeEscapes("C:\\users and \\\\u already even"));
    }
}
