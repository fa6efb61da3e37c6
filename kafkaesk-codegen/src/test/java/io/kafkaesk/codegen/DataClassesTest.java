package io.kafkaesk.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.internal.EnvelopeCodec;
import io.kafkaesk.internal.Json;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two shapes of data class: immutable values with a builder (the default) and JavaBeans; both compile, Jackson
 * reads both, and both encode the same data to the same bytes.
 */
class DataClassesTest {
    private static final String PKG = GoldenFilesTest.PACKAGE + ".";
    private static final String ORDER = PKG + "orders.Order";

    @TempDir
    static Path out;

    private static URLClassLoader values;
    private static URLClassLoader beans;

    @BeforeAll
    static void generate() throws Exception {
        Path schemas = out.resolve("schemas");
        copyTree(GoldenFilesTest.SCHEMAS, schemas);
        // A closed schema: unknown properties are not kept. An optional enum: @Nullable on a nested type. Properties
        // named like the builder: its class and build() must not clash with them. One property left out of equals.
        Files.writeString(schemas.resolve("tag.json"), """
                {
                  "$schema": "https://json-schema.org/draft/2020-12/schema",
                  "title": "Tag",
                  "x-kafkaesk": { "streams": ["tags"] },
                  "type": "object",
                  "properties": {
                    "name": { "type": "string" },
                    "kind": { "type": "string", "enum": ["plain", "fancy"] },
                    "labels": { "type": "array", "items": { "type": "string" }, "uniqueItems": true },
                    "builder": { "type": "string", "enum": ["a", "b"] },
                    "build": { "type": "string" }
                  },
                  "required": ["name"],
                  "additionalProperties": false,
                  "excludedFromEqualsAndHashCode": ["build"]
                }
                """);
        values = load(schemas, out.resolve("values"), DataClasses.VALUES);
        beans = load(schemas, out.resolve("beans"), DataClasses.JAVABEANS);
    }

    @AfterAll
    static void close() throws Exception {
        values.close();
        beans.close();
    }

    @Test
    void valuesHaveABuilderAndNoMutatorsOrPublicConstructors() throws Exception {
        for (String name : List.of(ORDER, PKG + "orders.OrderLine", PKG + "common.Address", PKG + "Tag")) {
            Class<?> type = values.loadClass(name);
            assertTrue(Modifier.isFinal(type.getModifiers()), name + " is final");
            assertEquals(0, type.getConstructors().length, name + " has no public constructor");
            for (Method m : type.getMethods()) {
                assertFalse(m.getName().matches("(set|with)[A-Z].*"), name + " has a mutator " + m);
            }
            assertNotNull(type.getMethod("builder"));
            assertNotNull(type.getMethod("toBuilder"));
        }
    }

    @Test
    void propertiesNamedLikeTheBuilderDoNotClashWithIt() throws Exception {
        Class<?> tag = values.loadClass(PKG + "Tag");
        Object builder = call(tag, "builder");
        assertEquals("Builder_", builder.getClass().getSimpleName(), "the enum of property builder is Tag.Builder");
        call(builder, "name", "t");
        call(builder, "build", "b-1");
        Object built = call(builder, "build");
        assertEquals("b-1", call(built, "getBuild"));
    }

    @Test
    void buildNamesAMissingRequiredPropertyAndItsClass() throws Exception {
        Object builder = call(values.loadClass(ORDER), "builder");
        call(builder, "orderId", "o-1");
        NullPointerException e = assertThrows(NullPointerException.class, () -> call(builder, "build"));
        assertTrue(e.getMessage().contains("status") && e.getMessage().contains("Order"), e.getMessage());
    }

    @Test
    void collectionsAreCopiedAtBuildAndReadOnly() throws Exception {
        Object line = line(values, "sku-1", 2L);
        List<Object> lines = new ArrayList<>(List.of(line));
        Object order = call(call(order(values, "o-1"), "lines", lines), "build");
        lines.add(line);
        List<?> got = (List<?>) call(order, "getLines");
        assertEquals(1, got.size(), "the list given to the builder was copied");
        assertThrows(UnsupportedOperationException.class, () -> got.clear());
        assertSame(got, call(order, "getLines"), "the getter returns the read-only list it holds, not a new view");
        Object tag = call(call(call(values.loadClass(PKG + "Tag"), "builder"), "name", "t"), "build");
        @SuppressWarnings("unchecked")
        Set<Object> defaults = (Set<Object>) call(tag, "getLabels");
        assertEquals(Set.of(), defaults, "an absent array starts as the schema's default, empty");
        assertThrows(UnsupportedOperationException.class, () -> defaults.add("x"));
        @SuppressWarnings("unchecked")
        Set<Object> read = (Set<Object>) call(Json.mapper().readValue("{\"name\":\"t\"}", tag.getClass()),
                "getLabels");
        assertThrows(UnsupportedOperationException.class, () -> read.add("x"), "Jackson's default, read-only too");
        Object open = call(call(order(values, "o-2"), "additionalProperty", "coupon", "X1"), "build");
        Map<?, ?> unknown = (Map<?, ?>) call(open, "getAdditionalProperties");
        assertEquals(Map.of("coupon", "X1"), unknown);
        assertThrows(UnsupportedOperationException.class, () -> unknown.clear());
    }

    @Test
    void toBuilderMakesAChangedCopyAndLeavesTheOriginal() throws Exception {
        Object order = call(order(values, "o-1"), "build");
        Object changed = call(call(call(order, "toBuilder"), "orderId", "o-2"), "build");
        assertEquals("o-1", call(order, "getOrderId"));
        assertEquals("o-2", call(changed, "getOrderId"));
        assertEquals(order, call(call(order, "toBuilder"), "build"));
        assertNotEquals(order, changed);
        assertTrue(order.toString().contains("o-1"));
    }

    @Test
    void equalsHashCodeAndToStringReadEveryComparedPropertyInBothStyles() throws Exception {
        Object a = call(call(order(values, "o-1"), "additionalProperty", "coupon", "X1"), "build");
        Object same = call(call(order(values, "o-1"), "additionalProperty", "coupon", "X1"), "build");
        Object otherUnknown = call(call(order(values, "o-1"), "additionalProperty", "coupon", "X2"), "build");
        assertEquals(a, same);
        assertEquals(a.hashCode(), same.hashCode());
        assertNotEquals(a, otherUnknown, "unknown properties are compared");
        assertNotEquals(a, call(order(values, "o-2"), "build"));
        assertNotEquals(a, null);
        assertNotEquals(a, "o-1");
        assertTrue(a.toString().startsWith("Order[orderId=o-1, "), a.toString());
        assertTrue(a.toString().contains("additionalProperties={coupon=X1}]"), a.toString());

        Class<?> tag = values.loadClass(PKG + "Tag");
        // property "build" sets with one argument; build() with none builds
        Object t1 = call(call(call(call(tag, "builder"), "name", "t"), "build", "b-1"), "build");
        Object t2 = call(call(call(call(tag, "builder"), "name", "t"), "build", "b-2"), "build");
        assertEquals(t1, t2, "build is excluded from equals and hashCode");
        assertEquals(t1.hashCode(), t2.hashCode());
        assertNotEquals(t1, call(call(call(tag, "builder"), "name", "u"), "build"));

        Class<?> order = beans.loadClass(ORDER);
        Object b1 = order.getConstructor().newInstance();
        Object b2 = order.getConstructor().newInstance();
        call(b1, "setOrderId", "o-1");
        call(b2, "setOrderId", "o-1");
        assertEquals(b1, b2);
        assertEquals(b1.hashCode(), b2.hashCode());
        call(b2, "setOrderId", "o-2");
        assertNotEquals(b1, b2);
        assertTrue(b2.toString().startsWith("Order[orderId=o-2, "), b2.toString());
    }

    @Test
    void optionalGettersAreNullableAndRequiredOnesAreNot() throws Exception {
        Class<?> order = values.loadClass(ORDER);
        assertTrue(nullable(order.getMethod("getCustomer")));
        assertTrue(nullable(order.getMethod("getPlacedAt")));
        assertFalse(nullable(order.getMethod("getOrderId")));
        assertFalse(nullable(order.getMethod("getLines")));
        assertTrue(nullable(values.loadClass(PKG + "Tag").getMethod("getKind")), "a nested enum type");
        assertTrue(order.isAnnotationPresent(org.jspecify.annotations.NullMarked.class));
    }

    @Test
    void jacksonReadsValuesKeepingUnknownPropertiesOnlyWhereTheSchemaIsOpen() throws Exception {
        Class<?> order = values.loadClass(ORDER);
        String json = "{\"orderId\":\"o-1\",\"status\":\"paid\",\"customer\":null,"
                + "\"lines\":[{\"sku\":\"a\",\"quantity\":1}],\"coupon\":\"X1\"}";
        Object read = Json.mapper().readValue(json, order);
        assertEquals("o-1", call(read, "getOrderId"));
        assertNull(call(read, "getCustomer"), "null reads as null");
        assertEquals(Map.of("coupon", "X1"), call(read, "getAdditionalProperties"));
        assertThrows(UnsupportedOperationException.class, () -> ((List<?>) call(read, "getLines")).clear());
        assertSame(call(read, "getLines"), call(read, "getLines"));
        assertEquals("{\"orderId\":\"o-1\",\"status\":\"paid\",\"lines\":[{\"sku\":\"a\",\"quantity\":1}],"
                + "\"coupon\":\"X1\"}", Json.mapper().writeValueAsString(read), "round trip, nulls left out");
        assertEquals(read, Json.mapper().readValue(Json.mapper().writeValueAsBytes(read), order));

        Class<?> tag = values.loadClass(PKG + "Tag");
        Object closed = Json.mapper().readValue("{\"name\":\"t\",\"labels\":[\"a\",\"a\"],\"extra\":1}", tag);
        assertEquals("{\"name\":\"t\",\"labels\":[\"a\"]}", Json.mapper().writeValueAsString(closed),
                "a closed schema's class keeps no unknown property");
        assertThrows(NoSuchMethodException.class, () -> tag.getMethod("getAdditionalProperties"));
    }

    @Test
    void valuesAndJavaBeansEncodeTheSameDataToTheSameBytes() throws Exception {
        OffsetDateTime at = OffsetDateTime.parse("2026-11-27T13:00:00+01:00");
        Object value = call(call(call(call(order(values, "o-1"), "lines", List.of(line(values, "s", 3L))),
                "placedAt", at), "additionalProperty", "coupon", "X1"), "build");

        Class<?> beanType = beans.loadClass(ORDER);
        Object bean = beanType.getConstructor().newInstance();
        call(bean, "setOrderId", "o-1");
        call(bean, "setStatus", status(beans, "PAID"));
        Object beanLine = beans.loadClass(PKG + "orders.OrderLine").getConstructor().newInstance();
        call(beanLine, "setSku", "s");
        call(beanLine, "setQuantity", 3L);
        call(bean, "setLines", List.of(beanLine));
        call(bean, "setPlacedAt", at);
        call(bean, "setAdditionalProperty", "coupon", "X1");

        byte[] fromValue = EnvelopeCodec.encodeObject("Order:1", value);
        assertArrayEquals(EnvelopeCodec.encodeObject("Order:1", bean), fromValue,
                () -> new String(fromValue, StandardCharsets.UTF_8));
        // An empty builder writes what a new JavaBean writes: collections start empty, as the schema's defaults.
        Object emptyValue = call(call(call(call(values.loadClass(ORDER), "builder"), "orderId", "x"), "status",
                status(values, "NEW")), "build");
        Object emptyBean = beanType.getConstructor().newInstance();
        call(emptyBean, "setOrderId", "x");
        call(emptyBean, "setStatus", status(beans, "NEW"));
        assertArrayEquals(Json.mapper().writeValueAsBytes(emptyBean), Json.mapper().writeValueAsBytes(emptyValue));
    }

    @Test
    void javaBeansKeepSettersMutatorsAndConstructors() throws Exception {
        Class<?> order = beans.loadClass(ORDER);
        assertNotNull(order.getConstructor());
        assertNotNull(order.getMethod("setOrderId", String.class));
        assertNotNull(order.getMethod("withOrderId", String.class));
        assertThrows(NoSuchMethodException.class, () -> order.getMethod("builder"));
        assertFalse(Modifier.isFinal(order.getModifiers()));
    }

    @Test
    void schemasWithSharedClassesAndOddNamesCompileAsValues(@TempDir Path dir) throws Exception {
        for (String set : List.of("validator", "validator-edges")) {
            Path target = dir.resolve(set);
            Codegen.run(GoldenFilesTest.request(Path.of("src/test/resources", set), target));
            GoldenFilesTest.compile(target.resolve("java"), target.resolve("classes"));
        }
    }

    private static URLClassLoader load(Path schemas, Path dir, DataClasses style) throws Exception {
        Codegen.run(GoldenFilesTest.request(schemas, dir, style));
        GoldenFilesTest.compile(dir.resolve("java"), dir.resolve("classes"));
        return new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL(),
                dir.resolve("resources").toUri().toURL()}, DataClassesTest.class.getClassLoader());
    }

    private static Object order(ClassLoader loader, String id) throws Exception {
        Object builder = call(loader.loadClass(ORDER), "builder");
        call(builder, "orderId", id);
        return call(builder, "status", status(loader, "PAID"));
    }

    private static Object line(ClassLoader loader, String sku, long quantity) throws Exception {
        Object b = call(loader.loadClass(PKG + "orders.OrderLine"), "builder");
        return call(call(call(b, "sku", sku), "quantity", quantity), "build");
    }

    private static Object status(ClassLoader loader, String name) throws Exception {
        return loader.loadClass(ORDER + "$Status").getField(name).get(null);
    }

    private static boolean nullable(Method getter) {
        return getter.getAnnotatedReturnType().isAnnotationPresent(Nullable.class);
    }

    /** Calls a public method by name and argument count: a static one when {@code target} is a class. */
    private static @Nullable Object call(Object target, String name, Object... args) throws Exception {
        Class<?> type = target instanceof Class<?> c ? c : target.getClass();
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(target instanceof Class<?> ? null : target, args);
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof Exception cause) {
                        throw cause;
                    }
                    throw e;
                }
            }
        }
        throw new AssertionError("no " + name + " with " + args.length + " arguments on " + type);
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
