package io.kafkaesk.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.MessageSchema;
import io.kafkaesk.internal.Json;
import io.kafkaesk.internal.SchemaValidator;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The generated validators decide as the JSON Schema validator does: random data objects, built through the
 * generated classes' setters from values at and around every bound, go through the generated validator and
 * through networknt (on the JSON kafkaesk's mapper writes), and both must give the same answer for every object.
 */
class GeneratedValidatorTest {
    private static final int OBJECTS = 4000;
    /** Properties of the test schema that are mostly left out (a pattern, a $ref). */
    private static final java.util.Set<String> OFTEN_ABSENT = java.util.Set.of("code", "owner");

    @TempDir
    Path out;

    private final Random random = new Random(20261127);

    @Test
    void generatedValidatorsDecideAsTheSchemaDoes() throws Exception {
        // JavaBeans: the random objects need setters, and data a builder refuses (a required property missing);
        // the validator reads the getters, which both shapes of data class share.
        CodegenResult result = Codegen.run(GoldenFilesTest.request(Path.of("src/test/resources/validator"), out,
                DataClasses.JAVABEANS));
        assertEquals(List.of(), result.warnings(), "both schemas get a generated validator");
        Path classes = out.resolve("classes");
        GoldenFilesTest.compile(out.resolve("java"), classes);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL(),
                out.resolve("resources").toUri().toURL()},
                getClass().getClassLoader())) {
            for (String name : List.of("Reading", "Shipment")) {
                Class<?> data = loader.loadClass(GoldenFilesTest.PACKAGE + "." + name);
                MessageSchema<?> schema = (MessageSchema<?>) loader.loadClass(GoldenFilesTest.PACKAGE + "." + name
                        + "Schema").getField("DESCRIPTOR").get(null);
                @SuppressWarnings("unchecked")
                Predicate<Object> check = (Predicate<Object>) schema.validator().orElseThrow();
                SchemaValidator validator = SchemaValidator.compile(schema);

                int valid = 0;
                int written = 0;
                for (int i = 0; i < OBJECTS; i++) {
                    double mutation = pick(0.0, 0.05, 0.1, 0.2, 0.5);
                    Object object = randomObject(data, 0, mutation);
                    byte[] bytes;
                    try {
                        bytes = Json.mapper().writeValueAsBytes(object);
                    } catch (tools.jackson.core.JacksonException e) {
                        continue; // not JSON at all (NaN written as a number), refused before validation
                    }
                    written++;
                    JsonNode json = Json.mapper().readTree(bytes);
                    boolean isValid = validator.validate(json).isEmpty();
                    assertEquals(isValid, check.test(object), () -> name + ": the generated validator and the "
                            + "schema disagree on " + json + " " + validator.validate(json));
                    valid += isValid ? 1 : 0;
                }
                assertTrue(valid > written / 20, name + ": the random objects reach valid data: " + valid);
                assertTrue(valid < written - written / 20, name + ": and invalid data: " + valid);
            }
        }
    }

    @Test
    void schemasWithKeywordsItDoesNotReadGetNoValidatorAndAWarning() throws Exception {
        CodegenResult result = Codegen.run(GoldenFilesTest.request(GoldenFilesTest.SCHEMAS, out));
        String v1 = java.nio.file.Files.readString(out.resolve("java/com/acme/events/orders/OrderSchema.java"));
        assertTrue(v1.contains(".validator(OrderSchema::conforms)"), v1);
        java.nio.file.Path dynamic = out.resolve("dyn");
        java.nio.file.Files.createDirectories(dynamic);
        java.nio.file.Files.writeString(dynamic.resolve("tree.json"), """
                {
                  "$schema": "https://json-schema.org/draft/2020-12/schema",
                  "x-kafkaesk": { "streams": ["trees"] },
                  "type": "object",
                  "properties": { "name": { "type": "string" } },
                  "unevaluatedProperties": false
                }
                """);
        CodegenResult warned = Codegen.run(GoldenFilesTest.request(dynamic, out.resolve("dyn-out")));
        assertEquals(1, warned.warnings().size(), warned.warnings().toString());
        String warning = warned.warnings().get(0);
        assertTrue(warning.contains("tree.json:6:") && warning.contains("/unevaluatedProperties")
                && warning.contains("unevaluatedProperties"), warning);
        assertFalse(java.nio.file.Files.readString(out.resolve("dyn-out/java/com/acme/events/TreeSchema.java"))
                .contains(".validator("));
        assertTrue(result.warnings().isEmpty(), result.warnings().toString());
    }

    /**
     * Constructs where the class model does not say what the schema says: an enum class shared by two properties
     * with different values ({@code javaType}), an enum with a number among its values, an object class shared by
     * a closed and an open schema, a subclass of a nested class, a root class that another schema extended with a
     * field, a property named {@code additionalProperties}. The validator must refuse what the schema refuses.
     */
    @Test
    void classesThatDoNotMatchTheirSchemaAreJudgedByWhatTheyWrite() throws Exception {
        Codegen.run(GoldenFilesTest.request(Path.of("src/test/resources/validator-edges"), out,
                DataClasses.JAVABEANS)); // setters, and a subclass of a data class
        java.nio.file.Files.writeString(out.resolve("java/com/acme/events/Sneaky.java"), """
                package com.acme.events;

                /** A subclass that writes one more property. */
                public class Sneaky extends ThingNested {
                    private static final long serialVersionUID = 1L;

                    /** Not in the schema. */
                    public String getExtra() {
                        return "extra";
                    }
                }
                """);
        Path classes = out.resolve("classes");
        GoldenFilesTest.compile(out.resolve("java"), classes);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL(),
                out.resolve("resources").toUri().toURL()}, getClass().getClassLoader())) {
            String pkg = GoldenFilesTest.PACKAGE + ".";
            MessageSchema<?> thingSchema = (MessageSchema<?>) loader.loadClass(pkg + "ThingSchema")
                    .getField("DESCRIPTOR").get(null);
            @SuppressWarnings("unchecked")
            Predicate<Object> thing = (Predicate<Object>) thingSchema.validator().orElseThrow();
            SchemaValidator validator = SchemaValidator.compile(thingSchema);
            Class<?> thingClass = loader.loadClass(pkg + "Thing");

            Object plain = thingClass.getConstructor().newInstance();
            set(plain, "setId", "t-1");
            assertTrue(thing.test(plain), "ordinary data is valid");

            List<Object> invalid = new ArrayList<>();
            invalid.add(copyWith(thingClass, plain, "setMixed", enumValued(thingClass, "setMixed", "1")));
            invalid.add(copyWith(thingClass, plain, "setE2", enumValued(thingClass, "setE2", "b")));
            Object shared = loader.loadClass(pkg + "Shared").getConstructor().newInstance();
            set(shared, "setX", "x");
            set(shared, "setY", "y");
            invalid.add(copyWith(thingClass, plain, "setStrict", shared));
            invalid.add(copyWith(thingClass, plain, "setNested",
                    loader.loadClass(pkg + "Sneaky").getConstructor().newInstance()));
            for (Object data : invalid) {
                JsonNode written = Json.mapper().readTree(Json.mapper().writeValueAsBytes(data));
                assertFalse(validator.validate(written).isEmpty(), () -> "the schema refuses " + written);
                assertFalse(thing.test(data), () -> "accepted " + written);
            }

            // Beta's class has a field that Alpha's javaType gave it: written, so Beta's validator sees it.
            MessageSchema<?> beta = (MessageSchema<?>) loader.loadClass(pkg + "BetaSchema").getField("DESCRIPTOR")
                    .get(null);
            @SuppressWarnings("unchecked")
            Predicate<Object> betaCheck = (Predicate<Object>) beta.validator().orElseThrow();
            Object b = loader.loadClass(pkg + "Beta").getConstructor().newInstance();
            set(b, "setP", "p");
            assertTrue(betaCheck.test(b));
            set(b, "setQ", "q");
            assertFalse(betaCheck.test(b), "q is not a property of Beta");
            // A property named additionalProperties is a property like any other.
            MessageSchema<?> alpha = (MessageSchema<?>) loader.loadClass(pkg + "AlphaSchema")
                    .getField("DESCRIPTOR").get(null);
            @SuppressWarnings("unchecked")
            Predicate<Object> alphaCheck = (Predicate<Object>) alpha.validator().orElseThrow();
            assertTrue(alphaCheck.test(loader.loadClass(pkg + "Alpha").getConstructor().newInstance()));
        }
    }

    private static void set(Object target, String setter, Object value) throws Exception {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(setter) && m.getParameterCount() == 1) {
                m.invoke(target, value);
                return;
            }
        }
        throw new AssertionError("no " + setter + " on " + target.getClass());
    }

    private static Object copyWith(Class<?> type, Object base, String setter, Object value) throws Exception {
        Object copy = Json.mapper().readValue(Json.mapper().writeValueAsBytes(base), type);
        set(copy, setter, value);
        return copy;
    }

    /** The constant of the enum a setter takes whose JSON value is {@code value}. */
    private static Object enumValued(Class<?> type, String setter, String value) throws Exception {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(setter) && m.getParameterCount() == 1) {
                for (Object constant : m.getParameterTypes()[0].getEnumConstants()) {
                    if (value.equals(constant.getClass().getMethod("value").invoke(constant))) {
                        return constant;
                    }
                }
            }
        }
        throw new AssertionError("no enum constant " + value + " for " + setter);
    }

    /**
     * An object of a generated class: each property an ordinary value, or with probability {@code mutation} a
     * value picked at random among nulls, edge values and values at and around every bound.
     */
    private Object randomObject(Class<?> type, int depth, double mutation) throws Exception {
        Object object = type.getConstructor().newInstance();
        for (Field field : type.getDeclaredFields()) {
            if (field.getName().equals("additionalProperties") || java.lang.reflect.Modifier.isStatic(
                    field.getModifiers())) {
                continue;
            }
            String setter = "set" + Character.toUpperCase(field.getName().charAt(0)) + field.getName().substring(1);
            Method set = type.getMethod(setter, field.getType());
            boolean mutate = random.nextDouble() < mutation;
            boolean absent = mutate ? random.nextInt(4) == 0
                    : OFTEN_ABSENT.contains(field.getName()) && random.nextInt(10) < 7;
            set.invoke(object, absent ? null : randomValue(field.getGenericType(), depth, mutation, mutate));
        }
        if (random.nextDouble() < mutation / 4) {
            Method additional = findAdditional(type);
            if (additional != null) {
                additional.invoke(object, "extra", 1);
            }
        }
        return object;
    }

    private static @Nullable Method findAdditional(Class<?> type) {
        try {
            return type.getMethod("setAdditionalProperty", String.class, Object.class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private @Nullable Object randomValue(Type type, int depth, double mutation, boolean edge) throws Exception {
        if (type instanceof ParameterizedType p && p.getRawType() == java.util.Set.class) {
            java.util.Set<Object> set = new java.util.LinkedHashSet<>();
            int size = edge ? random.nextInt(5) : random.nextInt(3);
            for (int i = 0; i < size; i++) {
                set.add(edge ? pick("a", "ab", "abc", "abcd", "") : pick("a", "b", "c"));
            }
            return set;
        }
        if (type == Object.class) {
            return pick(1, 2, 3, 4, 5, 0, -2, 2.0, 2.5, "2", true);
        }
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            List<Object> list = new ArrayList<>();
            int size = edge ? random.nextInt(6) : 1 + random.nextInt(2);
            for (int i = 0; i < size; i++) {
                boolean mutate = random.nextDouble() < mutation;
                list.add(mutate && random.nextInt(4) == 0 ? null
                        : randomValue(p.getActualTypeArguments()[0], depth + 1, mutation, mutate));
            }
            return list;
        }
        Class<?> c = (Class<?>) type;
        if (!edge) {
            Object ordinary = ordinary(c);
            if (ordinary != null) {
                return ordinary;
            }
        }
        if (c == String.class) {
            return pick("", "a", "ab", "abc", "abcdef", "abcdefg", "ABC", "\uD83D\uDE00\uD83D\uDE00", "2026-11-27",
                    "2026-11-27T13:24:03Z", "123e4567-e89b-12d3-a456-426614174000", "US", "us", "USA");
        }
        if (c == Integer.class) {
            return pick(-6, -5, -4, -1, 0, 1, 4, 5, 99, 100, 101, Integer.MAX_VALUE, Integer.MIN_VALUE);
        }
        if (c == Long.class) {
            return pick(-6L, -5L, -4L, -1L, 0L, 1L, 4L, 5L, 99L, 100L, 101L, Long.MAX_VALUE, Long.MIN_VALUE);
        }
        if (c == Double.class) {
            return pick(-1.0, 0.5, 1.5, 0.25, 1e-9, 2.0,
                    -40.0, -40.000000000000001, -39.99, -41.0, 0.0, -0.0, 1e-300, 0.5, 1.0, 1.0000000000000002,
                    85.4, 85.5, 85.50000000000001, 100.0, Double.NaN, Double.POSITIVE_INFINITY);
        }
        if (c == Boolean.class) {
            return random.nextBoolean();
        }
        if (c == OffsetDateTime.class) {
            return OffsetDateTime.of(pick(1, 2026, 9999, 10000), 2, 28, 23, 59, pick(0, 59), pick(0, 1, 500_000_000),
                    pick(ZoneOffset.UTC, ZoneOffset.ofHours(14), ZoneOffset.ofHours(-18), ZoneOffset.ofTotalSeconds(90)));
        }
        if (c == LocalDate.class) {
            return LocalDate.of(pick(1, 2024, 9999, 10000, 0), 2, 28 - random.nextInt(2));
        }
        if (c == UUID.class) {
            return new UUID(random.nextLong(), random.nextLong());
        }
        if (c.isEnum()) {
            Object[] constants = c.getEnumConstants();
            return constants[random.nextInt(constants.length)];
        }
        if (depth < 3 && c.getPackageName().startsWith(GoldenFilesTest.PACKAGE)) {
            return randomObject(c, depth + 1, mutation);
        }
        return null;
    }

    /** A value of the type that satisfies every constraint of the test schema, null for other types. */
    private static @Nullable Object ordinary(Class<?> c) {
        if (c == String.class) {
            return "ABC";
        }
        if (c == Integer.class) {
            return 1;
        }
        if (c == Long.class) {
            return 1L;
        }
        if (c == Double.class) {
            return 0.5;
        }
        if (c == OffsetDateTime.class) {
            return OffsetDateTime.of(2026, 11, 27, 13, 24, 3, 0, ZoneOffset.UTC);
        }
        if (c == LocalDate.class) {
            return LocalDate.of(2024, 2, 29);
        }
        return null;
    }

    @SafeVarargs
    private <V> V pick(V... values) {
        return values[random.nextInt(values.length)];
    }
}
