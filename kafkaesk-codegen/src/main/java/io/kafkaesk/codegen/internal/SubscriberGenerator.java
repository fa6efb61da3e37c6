package io.kafkaesk.codegen.internal;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import javax.lang.model.element.Modifier;

/**
 * Generates, with JavaPoet, the subscriber interface of one message schema ({@code ContentSubscriber}, a typed
 * handler of one record) and, nested in it so that no file is added per schema, its batch form
 * ({@code ContentSubscriber.Batch}, a batch handler of one partition's records).
 */
public final class SubscriberGenerator {
    private static final String RUNTIME = "io.kafkaesk";
    private static final ClassName MESSAGE_SCHEMA = ClassName.get(RUNTIME, "MessageSchema");
    private static final ClassName MESSAGE_CONTEXT = ClassName.get(RUNTIME, "MessageContext");
    private static final ClassName TYPED_HANDLER = ClassName.get(RUNTIME, "TypedHandler");
    private static final ClassName BATCH_HANDLER = ClassName.get(RUNTIME, "BatchHandler");
    private static final ClassName BATCH_RECORD = ClassName.get(RUNTIME, "BatchRecord");
    private static final ClassName LIST = ClassName.get("java.util", "List");
    /** The simple name of the nested batch interface. */
    public static final String BATCH = "Batch";

    private SubscriberGenerator() {}

    /**
     * The subscriber interface of a schema.
     *
     * @param m the message
     * @param data the data class
     * @param schema the descriptor class, whose {@code DESCRIPTOR} the subscriber's {@code schema()} returns
     * @param name the subscriber's name
     * @param generated the annotation every generated type carries
     */
    public static TypeSpec type(MessageModel m, ClassName data, ClassName schema, ClassName name,
            AnnotationSpec generated) {
        String method = "on" + m.className();
        TypeName schemaType = ParameterizedTypeName.get(MESSAGE_SCHEMA, data);
        return TypeSpec.interfaceBuilder(name)
                .addJavadoc("Receives {@link $T} messages (schema {@code $L}).\n\n", data, m.key())
                .addJavadoc("<p>Implement {@link #$L} and subscribe:\n"
                        + "{@code router.subscribe(\"stream-pattern\", \"group\", subscriber)}. To receive them a list at a\n"
                        + "time, implement {@link $L} instead.\n", method, BATCH)
                .addAnnotation(FunctionalInterface.class)
                .addAnnotation(generated)
                .addModifiers(Modifier.PUBLIC)
                .addSuperinterface(ParameterizedTypeName.get(TYPED_HANDLER, data))
                .addMethod(MethodSpec.methodBuilder(method)
                        .addJavadoc("Handles one message; returning normally marks it done, an exception follows the "
                                + "subscription's\nretry and dead-letter policy.\n")
                        .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                        .addParameter(data, "data")
                        .addParameter(MESSAGE_CONTEXT, "context")
                        .addException(Exception.class)
                        .build())
                .addMethod(schemaMethod(schemaType, schema))
                .addMethod(MethodSpec.methodBuilder("handle")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC, Modifier.DEFAULT)
                        .addParameter(data, "data")
                        .addParameter(MESSAGE_CONTEXT, "context")
                        .addException(Exception.class)
                        .addStatement("$L(data, context)", method)
                        .build())
                .addType(batch(m, data, schemaType, schema, name))
                .build();
    }

    private static TypeSpec batch(MessageModel m, ClassName data, TypeName schemaType, ClassName schema,
            ClassName subscriber) {
        String method = "on" + m.className() + BATCH;
        TypeName list = ParameterizedTypeName.get(LIST, ParameterizedTypeName.get(BATCH_RECORD, data));
        return TypeSpec.interfaceBuilder(subscriber.nestedClass(BATCH))
                .addJavadoc("Receives {@link $T} messages a list at a time: consecutive records of one partition, in "
                        + "order.\n\n", data)
                .addJavadoc("<p>Implement {@link #$L} and subscribe:\n"
                        + "{@code router.subscribe(\"stream-pattern\", \"group\", batchSubscriber)}; see {@link $T}\n"
                        + "for retries and dead letters, and {@code Subscription.maxBatchSize} for the size.\n",
                        method, BATCH_HANDLER)
                .addAnnotation(FunctionalInterface.class)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addSuperinterface(ParameterizedTypeName.get(BATCH_HANDLER, data))
                .addMethod(MethodSpec.methodBuilder(method)
                        .addJavadoc("Handles consecutive messages of one partition; returning normally marks them all "
                                + "done, a\n{@code BatchFailure} names the one that failed.\n")
                        .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                        .addParameter(list, "batch")
                        .addException(Exception.class)
                        .build())
                .addMethod(schemaMethod(schemaType, schema))
                .addMethod(MethodSpec.methodBuilder("handle")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC, Modifier.DEFAULT)
                        .addParameter(list, "batch")
                        .addException(Exception.class)
                        .addStatement("$L(batch)", method)
                        .build())
                .build();
    }

    private static MethodSpec schemaMethod(TypeName schemaType, ClassName schema) {
        return MethodSpec.methodBuilder("schema")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC, Modifier.DEFAULT)
                .returns(schemaType)
                .addStatement("return $T.DESCRIPTOR", schema)
                .build();
    }
}
