package io.kafkaesk.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.NumberDeserializers;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.util.AccessPattern;

/**
 * Owns how a JSON number binds to a Java integer type ({@code int}, {@code long}, their wrappers,
 * {@link BigInteger}): exactly. A number written with a fraction or an exponent binds when its value is whole
 * ({@code 1.0}, {@code 2e3}: JSON Schema counts them as integers, and other languages write them), and is refused
 * when it is not ({@code 1.5}): Jackson's default would cut it to {@code 1}, silently changing the message, so
 * such a record is a poison message instead. Everything else is Jackson's own handling.
 */
final class ExactIntegers {
    private ExactIntegers() {}

    /** The module that makes kafkaesk's mapper bind integers exactly. */
    static JacksonModule module() {
        SimpleModule module = new SimpleModule("kafkaesk-exact-integers");
        module.addDeserializer(Long.class, new Exact<>(new NumberDeserializers.LongDeserializer(Long.class, null),
                BigDecimal::longValueExact));
        module.addDeserializer(Long.TYPE, new Exact<>(new NumberDeserializers.LongDeserializer(Long.TYPE, 0L),
                BigDecimal::longValueExact));
        module.addDeserializer(Integer.class, new Exact<>(
                new NumberDeserializers.IntegerDeserializer(Integer.class, null), BigDecimal::intValueExact));
        module.addDeserializer(Integer.TYPE, new Exact<>(
                new NumberDeserializers.IntegerDeserializer(Integer.TYPE, 0), BigDecimal::intValueExact));
        module.addDeserializer(BigInteger.class, new Exact<>(new NumberDeserializers.BigIntegerDeserializer(),
                BigDecimal::toBigIntegerExact));
        return module;
    }

    /** Jackson's deserializer of an integer type, but exact for numbers written with a fraction or exponent. */
    private static final class Exact<T> extends StdScalarDeserializer<T> {
        private final StdScalarDeserializer<T> standard;
        /** The whole value of a decimal; throws {@link ArithmeticException} when it has a fraction or is too large. */
        private final Function<BigDecimal, T> whole;

        Exact(StdScalarDeserializer<T> standard, Function<BigDecimal, T> whole) {
            super(standard);
            this.standard = standard;
            this.whole = whole;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            if (p.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
                BigDecimal value = p.getDecimalValue();
                try {
                    return whole.apply(value);
                } catch (ArithmeticException e) {
                    @SuppressWarnings("unchecked")
                    T never = (T) ctxt.handleWeirdNumberValue(handledType(), value,
                            "not a whole number in the range of %s: binding it would change the value",
                            handledType().getSimpleName());
                    return never;
                }
            }
            return standard.deserialize(p, ctxt);
        }

        @Override
        public Object getNullValue(DeserializationContext ctxt) {
            return standard.getNullValue(ctxt);
        }

        @Override
        public AccessPattern getNullAccessPattern() {
            return standard.getNullAccessPattern();
        }

        @Override
        public Object getEmptyValue(DeserializationContext ctxt) {
            return standard.getEmptyValue(ctxt);
        }
    }
}
