package io.kafkaesk.spring.internal;

import io.kafkaesk.Application;
import io.kafkaesk.BatchHandler;
import io.kafkaesk.BatchRecord;
import io.kafkaesk.BytesHandler;
import io.kafkaesk.EnvelopeHandler;
import io.kafkaesk.MessageContext;
import io.kafkaesk.MessageHandler;
import io.kafkaesk.MessageSchema;
import io.kafkaesk.RecordHandler;
import io.kafkaesk.TypedHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.util.ReflectionUtils;
import tools.jackson.databind.JsonNode;

/**
 * Turns a method annotated {@code @KafkaeskListener} into a handler: the kind of handler follows the type of its
 * first parameter (a generated data class, {@code byte[]}, {@code JsonNode}, {@code ConsumerRecord}); a second
 * parameter, if any, takes the {@link MessageContext}. A method whose only parameter is a
 * {@code List<BatchRecord<X>>} of a generated data class {@code X} becomes a {@link BatchHandler}.
 */
final class ListenerMethod {
    private ListenerMethod() {}

    /** Calls the method with one record's data. */
    @FunctionalInterface
    private interface Call {
        void call(@Nullable Object data, MessageContext context) throws Exception;
    }

    /**
     * Checks the method's parameters when the bean is created, so that a wrong signature fails startup at once.
     *
     * @throws BeanInitializationException naming the method and the signatures it may have
     */
    static void check(Method method, String name) {
        Class<?>[] params = method.getParameterTypes();
        boolean batch = params.length == 1 && batchDataClass(method) != null;
        if (!batch && (params.length == 0 || params.length > 2
                || (params.length == 2 && params[1] != MessageContext.class) || params[0].isPrimitive()
                || params[0] == List.class)) {
            throw new BeanInitializationException("@KafkaeskListener method " + name + " must take the data and, "
                    + "optionally, the MessageContext: (OrderPlaced data[, MessageContext context]), with a generated "
                    + "data class, byte[], JsonNode or ConsumerRecord<byte[], byte[]> as data; or a batch alone: "
                    + "(List<BatchRecord<OrderPlaced>> batch)");
        }
    }

    /** The {@code X} of a method whose one parameter is a {@code List<BatchRecord<X>>}, or null. */
    private static @Nullable Class<?> batchDataClass(Method method) {
        if (method.getParameterCount() != 1 || method.getParameterTypes()[0] != List.class
                || !(method.getGenericParameterTypes()[0] instanceof ParameterizedType list)
                || !(list.getActualTypeArguments()[0] instanceof ParameterizedType element)
                || element.getRawType() != BatchRecord.class
                || !(element.getActualTypeArguments()[0] instanceof Class<?> data)) {
            return null;
        }
        return data;
    }

    /** The handler that calls {@code method} on {@code bean}; a typed one binds to the schema of its data class. */
    static MessageHandler handler(Object bean, Method method, String name, Application application) {
        ReflectionUtils.makeAccessible(method);
        Class<?> batchData = batchDataClass(method);
        if (batchData != null) {
            return batch(schemaOf(batchData, name, application), batch -> invoke(bean, method, new Object[] {batch}));
        }
        boolean withContext = method.getParameterCount() == 2;
        Call call = (data, context) -> invoke(bean, method, withContext ? new Object[] {data, context}
                : new Object[] {data});
        Class<?> data = method.getParameterTypes()[0];
        if (data == byte[].class) {
            return (BytesHandler) call::call;
        }
        if (data == JsonNode.class) {
            return (EnvelopeHandler) call::call;
        }
        if (data == ConsumerRecord.class) {
            return (RecordHandler) call::call;
        }
        return typed(schemaOf(data, name, application), call);
    }

    private static <T> TypedHandler<T> typed(MessageSchema<T> schema, Call call) {
        return new TypedHandler<>() {
            @Override
            public MessageSchema<T> schema() {
                return schema;
            }

            @Override
            public void handle(T data, MessageContext context) throws Exception {
                call.call(data, context);
            }
        };
    }

    /** Calls the method with one batch. */
    @FunctionalInterface
    private interface BatchCall {
        void call(List<?> batch) throws Exception;
    }

    private static <T> BatchHandler<T> batch(MessageSchema<T> schema, BatchCall call) {
        return new BatchHandler<>() {
            @Override
            public MessageSchema<T> schema() {
                return schema;
            }

            @Override
            public void handle(List<BatchRecord<T>> batch) throws Exception {
                call.call(batch);
            }
        };
    }

    private static MessageSchema<?> schemaOf(Class<?> data, String name, Application application) {
        List<MessageSchema<?>> found = application.schemas().stream().filter(s -> s.dataClass() == data).toList();
        if (found.size() != 1) {
            throw new IllegalStateException("@KafkaeskListener method " + name + " takes " + data.getName() + ", "
                    + (found.isEmpty() ? "which is the data class of no registered schema: take a class generated "
                            + "by the kafkaesk Maven plugin (its index is discovered from the class path), or "
                            + "byte[], JsonNode or ConsumerRecord"
                            : "which is the data class of several schemas " + found + ": implement their generated "
                                    + "subscriber instead"));
        }
        return found.get(0);
    }

    private static void invoke(Object bean, Method method, Object[] args) throws Exception {
        try {
            method.invoke(bean, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
