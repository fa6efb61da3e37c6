package io.kafkaesk.codegen.internal;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * Generates, with JavaPoet, the glue between a data class and the runtime: the schema descriptor
 * ({@code ContentSchema}), the publisher interface with its factories bound to an {@code Application} or to a
 * handler's {@code MessageContext} and its per-stream methods ({@code ContentPublisher}, extending the runtime's
 * {@code TypedPublisher}), the subscriber interface ({@code ContentSubscriber},
 * by {@link SubscriberGenerator})
 * and the index of all descriptors ({@code KafkaeskSchemas}) with its {@code ServiceLoader} registration. The logic lives in the runtime; this is only glue.
 */
public final class ApiGenerator {
    /** The simple name of the index class generated in the base package. */
    public static final String INDEX_CLASS = "KafkaeskSchemas";

    private static final String RUNTIME = "io.kafkaesk";
    private static final ClassName MESSAGE_SCHEMA = ClassName.get(RUNTIME, "MessageSchema");
    private static final ClassName APPLICATION = ClassName.get(RUNTIME, "Application");
    private static final ClassName SCHEMA_INDEX = ClassName.get(RUNTIME, "SchemaIndex");
    private static final ClassName PUBLISHER_TYPE = SCHEMA_INDEX.nestedClass("PublisherType");
    private static final ClassName MESSAGE_CONTEXT = ClassName.get(RUNTIME, "MessageContext");
    private static final ClassName TYPED_PUBLISHER = ClassName.get(RUNTIME, "TypedPublisher");
    private static final ClassName RECORD_METADATA =
            ClassName.get("org.apache.kafka.clients.producer", "RecordMetadata");
    private static final ClassName HEADER = ClassName.get("org.apache.kafka.common.header", "Header");
    private static final ClassName NULLABLE = ClassName.get("org.jspecify.annotations", "Nullable");
    private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
    private static final ClassName COMPLETABLE_FUTURE = ClassName.get("java.util.concurrent", "CompletableFuture");
    private static final ClassName DURATION = ClassName.get("java.time", "Duration");
    private static final ClassName LIST = ClassName.get("java.util", "List");
    private static final TypeName FUTURE = ParameterizedTypeName.get(COMPLETABLE_FUTURE, RECORD_METADATA);
    private static final TypeName HEADERS = ParameterizedTypeName.get(ClassName.get(Iterable.class), HEADER);
    private static final TypeName KEY = ArrayTypeName.of(TypeName.BYTE).annotated(AnnotationSpec.builder(NULLABLE).build());
    private static final ClassName PUBLISH_HEADERS = ClassName.get(RUNTIME, "PublishHeaders");
    private static final TypeName TEXT_KEY =
            ClassName.get(String.class).annotated(AnnotationSpec.builder(NULLABLE).build());
    private static final TypeName TEXT_HEADERS = ParameterizedTypeName.get(ClassName.get(Map.class),
            ClassName.get(String.class), ClassName.get(String.class));
    private static final ParameterSpec STREAM = ParameterSpec.builder(String.class, "stream").build();
    private static final ParameterSpec BYTES_KEY = ParameterSpec.builder(KEY, "key").build();
    private static final ParameterSpec BYTES_HEADERS = ParameterSpec.builder(HEADERS, "headers").build();
    private static final ParameterSpec STRING_KEY = ParameterSpec.builder(TEXT_KEY, "key").build();
    private static final ParameterSpec STRING_HEADERS = ParameterSpec.builder(TEXT_HEADERS, "headers").build();
    private static final String KEY_PARAM =
            "@param key the record key, or null for the schema's key pointer (or none)\n";
    private static final String RETURNS =
            "@return completes with the record's metadata when the broker acknowledges it\n";
    private static final AnnotationSpec GENERATED_ANNOTATION =
            AnnotationSpec.builder(GENERATED).addMember("value", "$S", "kafkaesk-codegen").build();

    private ApiGenerator() {}

    /** The three files generated for one message schema. */
    public static List<PojoGenerator.Source> generate(MessageModel m, ValidatorGenerator.Result validator) {
        return List.of(descriptor(m, validator), publisher(m), subscriber(m));
    }

    /** The index listing every descriptor and publisher, in the base package; sorted by schema key. */
    public static PojoGenerator.Source index(String basePackage, List<MessageModel> messages) {
        List<MessageModel> sorted = new ArrayList<>(messages);
        sorted.sort(Comparator.comparing(MessageModel::id).thenComparingInt(MessageModel::version));
        TypeName schema = ParameterizedTypeName.get(MESSAGE_SCHEMA, WildcardTypeName.subtypeOf(Object.class));
        TypeName publisherType = ParameterizedTypeName.get(PUBLISHER_TYPE, WildcardTypeName.subtypeOf(Object.class));
        // Array initializers with explicit type arguments: List.of(a, b, ...) over hundreds of poly expressions
        // makes javac infer one type from all of them, which cost 18 s of javac for 500 schemas.
        CodeBlock.Builder list = CodeBlock.builder().add("$T.of(new $T[] {", LIST, schema);
        CodeBlock.Builder publishers = CodeBlock.builder().add("$T.of(new $T[] {", LIST, publisherType);
        for (int i = 0; i < sorted.size(); i++) {
            String separator = i == 0 ? "\n$>$>" : ",\n";
            list.add(separator + "$T.DESCRIPTOR", role(sorted.get(i), "Schema"));
            ClassName publisher = role(sorted.get(i), "Publisher");
            publishers.add(separator + "new $T<$T>($T.class, $T::of)", PUBLISHER_TYPE, publisher, publisher,
                    publisher);
        }
        list.add(sorted.isEmpty() ? "})" : "$<$<})");
        publishers.add(sorted.isEmpty() ? "})" : "$<$<})");
        TypeName schemaList = ParameterizedTypeName.get(LIST, schema);
        TypeName publisherList = ParameterizedTypeName.get(LIST, publisherType);
        TypeSpec type = TypeSpec.classBuilder(INDEX_CLASS)
                .addJavadoc("Every schema descriptor generated from this source set, for registering them at once:\n"
                        + "{@code router.schemas(KafkaeskSchemas.all())}.\n"
                        + "\n<p>Also registered in {@code META-INF/services/$L}, so that applications find these\n"
                        + "schemas (and the Spring Boot starter these publishers) without code.\n",
                        SCHEMA_INDEX.canonicalName())
                .addAnnotation(GENERATED_ANNOTATION)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(SCHEMA_INDEX)
                .addField(FieldSpec.builder(schemaList, "ALL", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer(list.build())
                        .build())
                .addField(FieldSpec.builder(publisherList, "PUBLISHERS", Modifier.PRIVATE, Modifier.STATIC,
                                Modifier.FINAL)
                        .initializer(publishers.build())
                        .build())
                .addMethod(MethodSpec.constructorBuilder()
                        .addJavadoc("For {@link java.util.ServiceLoader}; call {@link #all()} instead.\n")
                        .addModifiers(Modifier.PUBLIC)
                        .build())
                .addMethod(MethodSpec.methodBuilder("all")
                        .addJavadoc("The descriptors, sorted by schema key; an unmodifiable list.\n")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(schemaList)
                        .addStatement("return ALL")
                        .build())
                .addMethod(MethodSpec.methodBuilder("schemas")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(schemaList)
                        .addStatement("return ALL")
                        .build())
                .addMethod(MethodSpec.methodBuilder("publishers")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(publisherList)
                        .addStatement("return PUBLISHERS")
                        .build())
                .build();
        return source(basePackage, type, "every schema file of this source set");
    }

    /**
     * The class-path resource that registers the index of {@code basePackage} with {@link java.util.ServiceLoader},
     * and its content.
     */
    public static Map.Entry<String, String> indexRegistration(String basePackage) {
        return Map.entry("META-INF/services/" + SCHEMA_INDEX.canonicalName(),
                ClassName.get(basePackage, INDEX_CLASS).canonicalName() + "\n");
    }

    private static PojoGenerator.Source descriptor(MessageModel m, ValidatorGenerator.Result validator) {
        ClassName data = data(m);
        ClassName self = role(m, "Schema");
        CodeBlock.Builder init = CodeBlock.builder()
                .add("$T.builder($S, $T.class)$>$>", MESSAGE_SCHEMA, m.id(), data)
                .add("\n.version($L)", m.version());
        if (m.retentionSeconds() != null) {
            init.add("\n.retention($T.ofSeconds($LL))", DURATION, m.retentionSeconds());
        }
        if (!m.streams().isEmpty()) {
            init.add("\n.streams(");
            for (int i = 0; i < m.streams().size(); i++) {
                init.add(i == 0 ? "$S" : ", $S", m.streams().get(i));
            }
            init.add(")");
        }
        if (m.partitions() != null) {
            init.add("\n.partitions($L)", m.partitions());
        }
        if (m.keyPointer() != null) {
            init.add("\n.keyPointer($S)", m.keyPointer());
        }
        if (validator.unsupported() == null) {
            init.add("\n.validator($T::conforms)", self);
        }
        init.add("\n.schemaResource($T.class, $S)", self, m.resourcePath()).add("\n.build()$<$<");

        TypeSpec.Builder type = TypeSpec.classBuilder(self)
                .addJavadoc("The descriptor of schema {@code $L}, generated from {@code $L}.\n", m.key(),
                        Javadoc.escape(m.doc().file()))
                .addJavadoc(description(m))
                .addAnnotation(GENERATED_ANNOTATION)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addField(FieldSpec.builder(String.class, "KEY", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("The schema key written in every envelope.\n")
                        .initializer("$S", m.key())
                        .build())
                .addField(FieldSpec.builder(ParameterizedTypeName.get(MESSAGE_SCHEMA, data), "DESCRIPTOR",
                                Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("Everything the runtime needs to publish, validate and decode {@link $T}.\n", data)
                        .initializer(init.build())
                        .build())
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        ValidatorGenerator.Code checks = validator.code();
        if (checks != null) {
            type.addFields(checks.fields()).addMethods(checks.methods());
        }
        return source(m.packageName(), type.build(), m.doc().file());
    }

    /** The class holding the checks of the shared definitions of one package (see {@link ValidatorGenerator}). */
    public static PojoGenerator.Source sharedChecks(ValidatorGenerator.Shared shared) {
        TypeSpec type = TypeSpec.classBuilder(ClassName.get(shared.packageName(), ValidatorGenerator.SHARED_CLASS))
                .addJavadoc("The generated checks of the shared definitions in this package, called by the "
                        + "validators of the message\nschemas that refer to them: $L.\n", String.join(", ",
                        shared.files().stream().map(f -> "{@code " + Javadoc.escape(f) + "}").toList()))
                .addAnnotation(GENERATED_ANNOTATION)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addFields(shared.code().fields())
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
                .addMethods(shared.code().methods())
                .build();
        return source(shared.packageName(), type, shared.files().get(0));
    }

    private static PojoGenerator.Source publisher(MessageModel m) {
        ClassName data = data(m);
        ParameterSpec dataParam = ParameterSpec.builder(data, "data").build();
        ClassName self = role(m, "Publisher");
        TypeSpec.Builder type = TypeSpec.interfaceBuilder(self)
                .addJavadoc("Publishes {@link $T} messages (schema {@code $L}).\n\n", data, m.key())
                .addJavadoc("<p>{@link #of(Application)} gives a publisher bound to an application, {@link "
                        + "#of(MessageContext)} one bound to\nthe record a handler handles (its trace and request id "
                        + "headers travel on, and the record is done\nonly when the publish is acknowledged); tests "
                        + "can implement the one abstract method instead. The\n{@code publish} overloads that name "
                        + "the stream come from {@link $T}.\n", TYPED_PUBLISHER)
                .addAnnotation(GENERATED_ANNOTATION)
                .addModifiers(Modifier.PUBLIC)
                .addSuperinterface(ParameterizedTypeName.get(TYPED_PUBLISHER, data))
                .addMethod(MethodSpec.methodBuilder("of")
                        .addJavadoc("A publisher that sends through {@code application}.\n")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .addParameter(APPLICATION, "application")
                        .returns(self)
                        .addStatement("return application.publisher($T.DESCRIPTOR)::publish", role(m, "Schema"))
                        .build())
                .addMethod(MethodSpec.methodBuilder("of")
                        .addJavadoc("A publisher for use in a handler: it sends through {@code context}, with the "
                                + "handled record's\npropagated headers, and the handled record is done only when "
                                + "every publish is acknowledged\n(see {@link $T#publish(String, Object)}).\n",
                                MESSAGE_CONTEXT)
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .addParameter(MESSAGE_CONTEXT, "context")
                        .returns(self)
                        .addStatement("return context.publisher($T.DESCRIPTOR)::publish", role(m, "Schema"))
                        .build())
                .addMethod(MethodSpec.methodBuilder("publish")
                        .addJavadoc("Validates {@code data} and publishes it to {@code stream} with the given record "
                                + "key and headers.\n\n" + KEY_PARAM + RETURNS)
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                        .addParameters(List.of(STREAM, dataParam, BYTES_KEY, BYTES_HEADERS))
                        .returns(FUTURE)
                        .build());
        NameAllocator names = new NameAllocator();
        for (String reserved : List.of("of", "publish")) {
            names.newName(reserved);
        }
        for (String stream : m.streams()) {
            String method = names.newName("publishTo" + Names.className(stream));
            String to = "Validates {@code data} and publishes it to stream {@code " + Javadoc.escape(stream) + "}";
            type.addMethod(delegate(method, CodeBlock.of("$L.\n\n" + RETURNS, to), List.of(dataParam),
                    "return publish($S, data, null, $T.of())", stream, LIST));
            type.addMethod(delegate(method, CodeBlock.of("$L with the given record key and headers.\n\n" + KEY_PARAM
                    + RETURNS, to), List.of(dataParam, BYTES_KEY, BYTES_HEADERS),
                    "return publish($S, data, key, headers)", stream));
            type.addMethod(delegate(method, CodeBlock.of("$L with a text record key (UTF-8).\n\n" + KEY_PARAM
                    + RETURNS, to), List.of(dataParam, STRING_KEY),
                    "return publish($S, data, $T.key(key), $T.of())", stream, PUBLISH_HEADERS, LIST));
            type.addMethod(delegate(method, CodeBlock.of("$L with a text record key (UTF-8) and text\nheaders.\n\n"
                    + KEY_PARAM + RETURNS, to), List.of(dataParam, STRING_KEY, STRING_HEADERS),
                    "return publish($S, data, $T.key(key), $T.of(headers))", stream, PUBLISH_HEADERS,
                    PUBLISH_HEADERS));
        }
        return source(m.packageName(), type.build(), m.doc().file());
    }

    /** A default method of a publisher that hands its arguments on to another publish method. */
    private static MethodSpec delegate(String name, CodeBlock javadoc, List<ParameterSpec> parameters, String body,
            Object... args) {
        return MethodSpec.methodBuilder(name)
                .addJavadoc(javadoc)
                .addModifiers(Modifier.PUBLIC, Modifier.DEFAULT)
                .addParameters(parameters)
                .returns(FUTURE)
                .addStatement(body, args)
                .build();
    }

    private static PojoGenerator.Source subscriber(MessageModel m) {
        return source(m.packageName(), SubscriberGenerator.type(m, data(m), role(m, "Schema"), role(m, "Subscriber"),
                GENERATED_ANNOTATION), m.doc().file());
    }

    private static CodeBlock description(MessageModel m) {
        String text = m.doc().root().path("description").asString("");
        return text.isBlank() ? CodeBlock.of("") : CodeBlock.of("\n<p>$L\n", Javadoc.escape(text));
    }

    private static ClassName data(MessageModel m) {
        return ClassName.get(m.packageName(), m.className());
    }

    private static ClassName role(MessageModel m, String role) {
        return ClassName.get(m.packageName(), m.className() + role);
    }

    private static PojoGenerator.Source source(String pkg, TypeSpec type, String schemaFile) {
        JavaFile file = JavaFile.builder(pkg, type)
                .addFileComment("$L", Headers.fileComment(schemaFile))
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
        String path = (pkg.isEmpty() ? "" : pkg.replace('.', '/') + "/") + type.name() + ".java";
        return new PojoGenerator.Source(path, file.toString(), schemaFile);
    }
}
