package io.kafkaesk.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.kafkaesk.internal.FastCheck.Member;
import io.kafkaesk.internal.FastCheck.Rule;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.Base64Variant;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.SerializableString;
import tools.jackson.core.TreeNode;
import tools.jackson.core.type.WritableTypeId;
import tools.jackson.core.util.JsonGeneratorDelegate;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.NullNode;

/**
 * A generator that checks data against a schema's {@link FastCheck} rules while Jackson writes it, so publishing
 * with validation serializes the data once, straight into the record value, with no tree in between. It can also
 * pick up the record key that a schema's key pointer selects on the way.
 *
 * <p>Like {@link FastCheck} it is conservative: {@link #conforms()} is true only when every value written is
 * certainly valid. Anything it is not sure of (a keyword it does not know, a value at the edge of a rule, an
 * invalid value, an event other than plain JSON tokens such as raw JSON or a type id) makes it step aside for the
 * rest of the value; the caller then reads the bytes that were written into a tree and lets the full validator
 * decide. Either way the bytes checked are the bytes sent. Every writing method of {@link JsonGenerator} is
 * overridden here, which a test checks, so no event reaches the output unseen.
 *
 * <p>One instance writes one value, on one thread.
 */
final class CheckingGenerator extends JsonGeneratorDelegate {
    private static final int MAX_DEPTH = 64;

    private final @Nullable Rule root;
    private final String @Nullable [] keyPath;

    /** False once this generator cannot vouch for the data. */
    private boolean sure;
    private boolean rootWritten;

    private int depth;
    private Rule[] frameRules = new Rule[4];
    /** Per open object, the bits of the names seen; per open array, the number of items so far. */
    private long[] frameCounts = new long[4];
    private boolean[] frameIsArray = new boolean[4];
    /** Per open object, the number of names written so far. */
    private int[] framePositions = new int[4];
    /** The rule for the value after the name just written, in an object. */
    private @Nullable Rule pending;

    /** The depth of the deepest open object whose path is a prefix of the key path (0: none). */
    private int keyDepth;
    private boolean keyNameMatched;
    /** Bit d-1: the key path's name at depth d was written in the object open at that depth. */
    private long keyNamesSeen;
    private boolean keySure = true;
    private byte @Nullable [] key;

    /**
     * Prepares a check; {@link #over(JsonGenerator)} gives it the generator to write to.
     *
     * @param check the schema's quick check, or null to check nothing (only pick up the key)
     * @param keyPath the key pointer's segments from the root, or null to pick up no key
     */
    CheckingGenerator(@Nullable FastCheck check, String @Nullable [] keyPath) {
        super(null, true); // the delegate is set by over() before anything is written
        this.root = check == null ? null : check.root();
        this.sure = check != null;
        this.keyPath = keyPath;
    }

    /** Makes this generator write through {@code output}; returns this. */
    CheckingGenerator over(JsonGenerator output) {
        this.delegate = output;
        return this;
    }

    /** True when the data written is certainly valid: a single complete value that every rule accepted. */
    boolean conforms() {
        return sure && rootWritten && depth == 0;
    }

    /**
     * Whether the key was picked up with certainty: the pointer's value, if any, was a string or whole number at
     * the end of a path of object properties. When false the caller takes the key from a tree.
     */
    boolean keyKnown() {
        return keySure && depth == 0 && rootWritten;
    }

    /** The key picked up (a string's UTF-8 bytes, a whole number's digits), null when the pointer found none. */
    byte @Nullable [] key() {
        return key;
    }

    private void unsure() {
        sure = false;
    }

    private void keyUnsure() {
        keySure = false;
    }

    // ---- The rule for the next value, and the structure ----

    /** The rule that applies to the value about to be written; null when nothing is being checked any more. */
    private @Nullable Rule next() {
        if (depth == 0) {
            if (rootWritten) {
                unsure(); // a second root value
                keyUnsure();
            }
            rootWritten = true;
            return sure ? root : null;
        }
        int top = depth - 1;
        if (frameIsArray[top]) {
            frameCounts[top]++;
            return sure ? itemsOf(frameRules[top]) : null;
        }
        Rule r = pending;
        pending = null;
        if (r == null && sure) {
            unsure(); // a value without a name; the delegate reports it
        }
        return sure ? r : null;
    }

    private static Rule itemsOf(Rule array) {
        Rule items = array.items;
        return items == null ? Rule.ANY : items;
    }

    /** A scalar was written: whether it counts as the key, and the key's matching state. */
    private boolean atKey() {
        if (!keyNameMatched) {
            return false;
        }
        keyNameMatched = false;
        return keyPath != null && depth == keyPath.length;
    }

    private void scalarNotKey() {
        if (atKey()) {
            keyUnsure(); // a number, boolean or structure as the key: the tree decides its text
        }
    }

    private void open(boolean array) {
        Rule r = next();
        if (r != null && !r.opens(array)) {
            unsure();
        }
        boolean matched = keyNameMatched || (depth == 0 && keyPath != null);
        keyNameMatched = false;
        if (keyPath != null && matched) {
            if (!array && depth < keyPath.length) {
                keyDepth = depth + 1;
            } else {
                keyUnsure(); // the pointer ends at a structure or goes through an array
            }
        }
        if (depth == MAX_DEPTH) {
            unsure();
            keyUnsure();
        }
        if (depth == frameRules.length) {
            frameRules = Arrays.copyOf(frameRules, depth * 2);
            frameCounts = Arrays.copyOf(frameCounts, depth * 2);
            frameIsArray = Arrays.copyOf(frameIsArray, depth * 2);
            framePositions = Arrays.copyOf(framePositions, depth * 2);
        }
        frameRules[depth] = r == null ? Rule.ANY : r;
        frameCounts[depth] = 0;
        framePositions[depth] = 0;
        frameIsArray[depth] = array;
        depth++;
    }

    private void close(boolean array) {
        if (depth == 0 || frameIsArray[depth - 1] != array) {
            unsure();
            keyUnsure();
            return; // the delegate reports the misplaced end
        }
        int top = --depth;
        if (sure) {
            Rule r = frameRules[top];
            boolean ok = array ? r.acceptsSize((int) Math.min(frameCounts[top], Integer.MAX_VALUE))
                    : (frameCounts[top] & r.requiredMask) == r.requiredMask;
            if (!ok) {
                unsure();
            }
        }
        if (keyDepth > depth) {
            keyDepth = depth;
        }
        if (depth < Long.SIZE) {
            keyNamesSeen &= ~(1L << depth); // the object at depth + 1 is closed
        }
    }

    private void name(String name) {
        if (depth == 0 || frameIsArray[depth - 1]) {
            unsure();
            keyUnsure();
            return; // the delegate reports the misplaced name
        }
        if (keyPath != null) {
            keyNameMatched = keyDepth == depth && depth <= keyPath.length && depth <= Long.SIZE
                    && keyPath[depth - 1].equals(name);
            if (keyNameMatched) {
                long bit = 1L << (depth - 1);
                if ((keyNamesSeen & bit) != 0) {
                    keyUnsure(); // the key's name written twice: the tree keeps the last, let it decide
                }
                keyNamesSeen |= bit;
            }
        }
        if (!sure) {
            return;
        }
        int top = depth - 1;
        Rule object = frameRules[top];
        Member member = object.member(name, framePositions[top]++);
        if (member == null) {
            if (object.noAdditional) {
                unsure();
            }
            pending = Rule.ANY;
            return;
        }
        long bit = 1L << member.bit();
        if ((frameCounts[top] & bit) != 0) {
            unsure(); // a name written twice
            keyUnsure();
            return;
        }
        frameCounts[top] |= bit;
        Rule rule = member.rule();
        if (rule == null && object.noAdditional) {
            unsure(); // required yet not a listed property
        }
        pending = rule == null ? Rule.ANY : rule;
    }

    private void text(String value) {
        Rule r = next();
        if (r != null && !r.acceptsText(value)) {
            unsure();
        }
        if (atKey()) {
            key = value.getBytes(UTF_8);
        }
    }

    private void whole(long value) {
        Rule r = next();
        if (r != null && !r.acceptsWhole(value)) {
            unsure();
        }
        if (atKey()) {
            key = Long.toString(value).getBytes(UTF_8);
        }
    }

    /** A value this generator does not judge: the full validator will. */
    private void opaque() {
        next();
        unsure();
        scalarNotKey();
    }

    // ---- JsonGenerator: structure ----

    @Override
    public JsonGenerator writeStartArray() {
        open(true);
        return super.writeStartArray();
    }

    @Override
    public JsonGenerator writeStartArray(Object forValue) {
        open(true);
        return super.writeStartArray(forValue);
    }

    @Override
    public JsonGenerator writeStartArray(Object forValue, int size) {
        open(true);
        return super.writeStartArray(forValue, size);
    }

    @Override
    public JsonGenerator writeEndArray() {
        close(true);
        return super.writeEndArray();
    }

    @Override
    public JsonGenerator writeStartObject() {
        open(false);
        return super.writeStartObject();
    }

    @Override
    public JsonGenerator writeStartObject(Object forValue) {
        open(false);
        return super.writeStartObject(forValue);
    }

    @Override
    public JsonGenerator writeStartObject(Object forValue, int size) {
        open(false);
        return super.writeStartObject(forValue, size);
    }

    @Override
    public JsonGenerator writeEndObject() {
        close(false);
        return super.writeEndObject();
    }

    @Override
    public JsonGenerator writeName(String name) {
        name(name);
        return super.writeName(name);
    }

    @Override
    public JsonGenerator writeName(SerializableString name) {
        name(name.getValue());
        return super.writeName(name);
    }

    @Override
    public JsonGenerator writePropertyId(long id) {
        name(Long.toString(id));
        return super.writePropertyId(id);
    }

    @Override
    public JsonGenerator writeOmittedProperty(String propertyName) {
        return super.writeOmittedProperty(propertyName); // writes nothing in JSON
    }

    // ---- JsonGenerator: values that are checked ----

    @Override
    public JsonGenerator writeString(String text) {
        if (text == null) {
            return writeNull();
        }
        text(text);
        return super.writeString(text);
    }

    @Override
    public JsonGenerator writeString(char[] buffer, int offset, int len) {
        text(new String(buffer, offset, len));
        return super.writeString(buffer, offset, len);
    }

    @Override
    public JsonGenerator writeString(SerializableString text) {
        text(text.getValue());
        return super.writeString(text);
    }

    @Override
    public JsonGenerator writeNumber(short v) {
        whole(v);
        return super.writeNumber(v);
    }

    @Override
    public JsonGenerator writeNumber(int v) {
        whole(v);
        return super.writeNumber(v);
    }

    @Override
    public JsonGenerator writeNumber(long v) {
        whole(v);
        return super.writeNumber(v);
    }

    @Override
    public JsonGenerator writeNumber(BigInteger v) {
        if (v == null) {
            return writeNull();
        }
        Rule r = next();
        if (r != null && !r.acceptsDecimal(new BigDecimal(v), true)) {
            unsure();
        }
        if (atKey()) {
            key = v.toString().getBytes(UTF_8);
        }
        return super.writeNumber(v);
    }

    @Override
    public JsonGenerator writeNumber(double v) {
        Rule r = next();
        if (r != null && !r.acceptsDouble(v)) {
            unsure();
        }
        scalarNotKey();
        return super.writeNumber(v);
    }

    @Override
    public JsonGenerator writeNumber(float v) {
        opaque(); // a float's JSON text and its value as a double differ: left to the full validator
        return super.writeNumber(v);
    }

    @Override
    public JsonGenerator writeNumber(BigDecimal v) {
        if (v == null) {
            return writeNull();
        }
        Rule r = next();
        // Written as text that may or may not have a fraction or exponent: only a scale of 0 is surely whole.
        if (r != null && !r.acceptsDecimal(v, v.scale() == 0)) {
            unsure();
        }
        scalarNotKey();
        return super.writeNumber(v);
    }

    @Override
    public JsonGenerator writeBoolean(boolean state) {
        Rule r = next();
        if (r != null && !r.acceptsLiteral(BooleanNode.valueOf(state), FastCheck.BOOLEAN)) {
            unsure();
        }
        scalarNotKey();
        return super.writeBoolean(state);
    }

    @Override
    public JsonGenerator writeNull() {
        Rule r = next();
        if (r != null && !r.acceptsLiteral(NullNode.getInstance(), FastCheck.NULL)) {
            unsure();
        }
        if (atKey()) {
            key = null; // a null value gives no key, as with a tree
        }
        return super.writeNull();
    }

    // ---- JsonGenerator: everything else is written as asked and judged by the full validator ----

    @Override
    public JsonGenerator writeNumber(String encodedValue) {
        opaque();
        return super.writeNumber(encodedValue);
    }

    @Override
    public JsonGenerator writeNumber(char[] encodedValueBuffer, int offset, int len) {
        opaque();
        return super.writeNumber(encodedValueBuffer, offset, len);
    }

    @Override
    public JsonGenerator writeString(Reader reader, int len) {
        opaque();
        return super.writeString(reader, len);
    }

    @Override
    public JsonGenerator writeRawUTF8String(byte[] buffer, int offset, int len) {
        opaque();
        return super.writeRawUTF8String(buffer, offset, len);
    }

    @Override
    public JsonGenerator writeUTF8String(byte[] buffer, int offset, int len) {
        opaque();
        return super.writeUTF8String(buffer, offset, len);
    }

    @Override
    public JsonGenerator writeArray(int[] array, int offset, int len) {
        opaque();
        return super.writeArray(array, offset, len);
    }

    @Override
    public JsonGenerator writeArray(long[] array, int offset, int len) {
        opaque();
        return super.writeArray(array, offset, len);
    }

    @Override
    public JsonGenerator writeArray(double[] array, int offset, int len) {
        opaque();
        return super.writeArray(array, offset, len);
    }

    @Override
    public JsonGenerator writeArray(String[] array, int offset, int len) {
        opaque();
        return super.writeArray(array, offset, len);
    }

    @Override
    public JsonGenerator writeBinary(Base64Variant variant, byte[] data, int offset, int len) {
        opaque();
        return super.writeBinary(variant, data, offset, len);
    }

    @Override
    public JsonGenerator writeBinary(byte[] data, int offset, int len) {
        opaque();
        return super.writeBinary(data, offset, len);
    }

    @Override
    public JsonGenerator writeBinary(byte[] data) {
        opaque();
        return super.writeBinary(data);
    }

    @Override
    public int writeBinary(InputStream data, int dataLength) {
        opaque();
        return super.writeBinary(data, dataLength);
    }

    @Override
    public int writeBinary(Base64Variant variant, InputStream data, int dataLength) {
        opaque();
        return super.writeBinary(variant, data, dataLength);
    }

    @Override
    public JsonGenerator writeRaw(String text) {
        unsure();
        keyUnsure();
        return super.writeRaw(text);
    }

    @Override
    public JsonGenerator writeRaw(String text, int offset, int len) {
        unsure();
        keyUnsure();
        return super.writeRaw(text, offset, len);
    }

    @Override
    public JsonGenerator writeRaw(char[] text, int offset, int len) {
        unsure();
        keyUnsure();
        return super.writeRaw(text, offset, len);
    }

    @Override
    public JsonGenerator writeRaw(char c) {
        unsure();
        keyUnsure();
        return super.writeRaw(c);
    }

    @Override
    public JsonGenerator writeRaw(SerializableString raw) {
        unsure();
        keyUnsure();
        return super.writeRaw(raw);
    }

    @Override
    public JsonGenerator writeRawValue(String text) {
        opaque();
        return super.writeRawValue(text);
    }

    @Override
    public JsonGenerator writeRawValue(String text, int offset, int len) {
        opaque();
        return super.writeRawValue(text, offset, len);
    }

    @Override
    public JsonGenerator writeRawValue(char[] text, int offset, int len) {
        opaque();
        return super.writeRawValue(text, offset, len);
    }

    @Override
    public JsonGenerator writeRawValue(SerializableString raw) {
        opaque();
        return super.writeRawValue(raw);
    }

    @Override
    public JsonGenerator writeEmbeddedObject(Object object) {
        opaque();
        return super.writeEmbeddedObject(object);
    }

    @Override
    public JsonGenerator writeObjectId(Object id) {
        opaque();
        return super.writeObjectId(id);
    }

    @Override
    public JsonGenerator writeObjectRef(Object id) {
        opaque();
        return super.writeObjectRef(id);
    }

    @Override
    public JsonGenerator writeTypeId(Object id) {
        opaque();
        return super.writeTypeId(id);
    }

    @Override
    public WritableTypeId writeTypePrefix(WritableTypeId typeId) {
        unsure();
        keyUnsure();
        return super.writeTypePrefix(typeId);
    }

    @Override
    public WritableTypeId writeTypeSuffix(WritableTypeId typeId) {
        unsure();
        keyUnsure();
        return super.writeTypeSuffix(typeId);
    }

    @Override
    public JsonGenerator writeComment(String comment) {
        unsure();
        return super.writeComment(comment);
    }

    @Override
    public JsonGenerator writePOJO(Object pojo) {
        opaque();
        return super.writePOJO(pojo);
    }

    @Override
    public JsonGenerator writeTree(TreeNode tree) {
        opaque();
        return super.writeTree(tree);
    }

    @Override
    public void copyCurrentEvent(JsonParser p) {
        unsure();
        keyUnsure();
        super.copyCurrentEvent(p);
    }

    @Override
    public void copyCurrentEventExact(JsonParser p) {
        unsure();
        keyUnsure();
        super.copyCurrentEventExact(p);
    }

    @Override
    public void copyCurrentStructure(JsonParser p) {
        unsure();
        keyUnsure();
        super.copyCurrentStructure(p);
    }

    @Override
    public void copyCurrentStructureExact(JsonParser p) {
        unsure();
        keyUnsure();
        super.copyCurrentStructureExact(p);
    }
}
