package io.kafkaesk.codegen.internal;

import io.kafkaesk.codegen.SchemaError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decides which files are message schemas and which are shared definitions, names their classes, and checks the
 * rules that span files: unique schema keys, one schema id per stream, unique class names, and record keys
 * ({@code x-kafkaesk.key}) that name a declared property, followed through references.
 */
public final class Linker {
    private Linker() {}

    /** The linked schema set. */
    public record Linked(List<MessageModel> messages, Map<String, String> definitionClasses) {}

    /**
     * Links the parsed documents.
     *
     * @param docs every parsed document, by file name
     * @param refs the other files each document refers to
     * @param basePackage the request's package name
     */
    public static Linked link(Map<String, SchemaDocument> docs, Map<String, Set<String>> refs, String basePackage,
            Problems problems) {
        Set<String> referenced = new TreeSet<>();
        refs.values().forEach(referenced::addAll);

        List<MessageModel> messages = new ArrayList<>();
        Map<String, String> definitionClasses = new TreeMap<>();
        for (SchemaDocument doc : docs.values()) {
            String pkg = packageName(basePackage, doc.folder());
            ObjectNode meta = doc.metadata();
            if (meta == null && referenced.contains(doc.file())) {
                // A file that other files $ref and that declares no x-kafkaesk block is a shared definition.
                String title = doc.root().path("title").asString("");
                definitionClasses.put(doc.file(), qualify(pkg, Names.className(title.isBlank() ? doc.stem() : title)));
                continue;
            }
            if (!"object".equals(doc.root().path("type").asString(""))) {
                JsonNode type = doc.root().get("type");
                if (type != null && type.isString() && !Keywords.TYPES.contains(type.asString())) {
                    continue; // a misspelt type name, which the keyword check reports with its correction
                }
                problems.add(SchemaError.Kind.NOT_OBJECT_SCHEMA, doc, type == null ? "" : "/type",
                        type == null
                                ? "a message schema must describe a JSON object, but this one declares no type"
                                : "a message schema must describe a JSON object, but its type is " + type,
                        "add \"type\": \"object\" at the top level and describe the data in \"properties\"");
                continue;
            }
            messages.add(model(doc, meta, pkg, !refs.getOrDefault(doc.file(), Set.of()).isEmpty(), basePackage));
        }
        checkKeys(messages, problems);
        messages.forEach(m -> checkRecordKey(m, docs, problems));
        checkStreams(messages, problems);
        checkClassNames(messages, definitionClasses, docs, problems);
        return new Linked(messages, definitionClasses);
    }

    private static MessageModel model(SchemaDocument doc, @Nullable ObjectNode meta, String pkg, boolean bundled, String basePackage) {
        JsonNode m = meta == null ? SchemaReader.MAPPER.createObjectNode() : meta;
        String title = doc.root().path("title").asString("");
        String id = m.path("id").isString() ? m.get("id").asString() : title.isBlank() ? doc.stem() : title;
        int version = m.path("version").canConvertToInt() ? m.get("version").asInt() : 1;
        Long retention = m.path("retention").isIntegralNumber() ? m.get("retention").asLong() : null;
        List<String> streams = new ArrayList<>();
        m.path("streams").forEach(s -> streams.add(s.asString()));
        Integer partitions = m.path("partitions").canConvertToInt() ? m.get("partitions").asInt() : null;
        String key = m.path("key").isString() ? m.get("key").asString() : null;
        // Version N>1 gets a suffix so that adding a version renames nothing; the data class names the other
        // classes of the file (OrderV2Customer), so they differ between versions too.
        String className = m.path("javaType").isString()
                ? m.get("javaType").asString()
                : Names.className(id) + (version > 1 ? "V" + version : "");
        String resourceBase = basePackage.isEmpty() ? "" : basePackage.replace('.', '/') + "/";
        String resource = "/META-INF/kafkaesk/" + (bundled ? "bundles/" : "schemas/") + resourceBase + doc.file();
        return new MessageModel(doc, id, version, retention, streams, partitions, key, pkg, className, resource,
                bundled);
    }

    private static void checkKeys(List<MessageModel> messages, Problems problems) {
        Map<String, List<MessageModel>> byKey = new TreeMap<>();
        messages.forEach(m -> byKey.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(m));
        byKey.forEach((key, same) -> {
            if (same.size() > 1) {
                List<String> files = same.stream().map(m -> m.doc().file()).sorted().toList();
                for (MessageModel m : same) {
                    problems.add(SchemaError.Kind.DUPLICATE_KEY, m.doc(), idPointer(m.doc()),
                            "schema key " + key + " is declared twice: " + String.join(", ", files),
                            "give each file its own x-kafkaesk id or version; a new version of a schema needs "
                                    + "\"version\": " + (same.stream().mapToInt(MessageModel::version).max().orElse(1) + 1));
                }
            }
        });
    }

    /**
     * Checks that {@code x-kafkaesk.key} names a declared property, one level of the data at a time. A level whose
     * properties cannot be known (an unresolved {@code $ref}, a map, an array, an unconstrained schema) ends the check.
     */
    private static void checkRecordKey(MessageModel m, Map<String, SchemaDocument> docs, Problems problems) {
        String key = m.keyPointer();
        if (key == null || !key.startsWith("/")) {
            return; // absent, or malformed: the meta-schema check reports that
        }
        RefCheck.Target at = new RefCheck.Target(m.doc(), m.doc().root());
        String path = "";
        for (String segment : key.substring(1).split("/", -1)) {
            String name = SchemaDocument.unescapeSegment(segment);
            DeclaredProperties declared = DeclaredProperties.of(at.doc(), at.schema(), docs);
            boolean unconstrained = declared != null && declared.names().isEmpty() && declared.patterns().isEmpty()
                    && !at.schema().has("type");
            boolean array = at.schema().has("items") || at.schema().has("prefixItems")
                    || "array".equals(at.schema().path("type").asString(""));
            if (declared == null || declared.open() || unconstrained || array) {
                return;
            }
            RefCheck.Target next = declared.names().get(name);
            if (next == null) {
                if (!declared.declares(name)) {
                    String match = Suggestions.closest(name, declared.names().keySet());
                    problems.add(SchemaError.Kind.UNRESOLVED_KEY, m.doc(), "/x-kafkaesk/key",
                            "x-kafkaesk.key \"" + key + "\" names no property: "
                                    + (path.isEmpty() ? "the data" : path) + " has no property \"" + name + "\"",
                            match != null
                                    ? "did you mean \"" + path + "/" + SchemaDocument.pointerSegment(match) + "\"?"
                                    : "point to a property declared under \"properties\", such as \"/id\"");
                }
                return;
            }
            path = path + "/" + segment;
            at = next;
        }
    }

    private static void checkStreams(List<MessageModel> messages, Problems problems) {
        Map<String, Map<String, List<MessageModel>>> byStream = new TreeMap<>();
        for (MessageModel m : messages) {
            for (String stream : m.streams()) {
                byStream.computeIfAbsent(stream, s -> new TreeMap<>())
                        .computeIfAbsent(m.id(), i -> new ArrayList<>())
                        .add(m);
            }
        }
        byStream.forEach((stream, byId) -> {
            if (byId.size() > 1) {
                String ids = String.join(", ", byId.keySet());
                for (List<MessageModel> claimants : byId.values()) {
                    for (MessageModel m : claimants) {
                        int index = m.streams().indexOf(stream);
                        problems.add(SchemaError.Kind.STREAM_CONFLICT, m.doc(), "/x-kafkaesk/streams/" + index,
                                "stream " + stream + " is claimed by schema ids " + ids
                                        + "; a stream carries one schema id (its versions may share it)",
                                "declare " + stream + " in one schema id only, or give the other schema its own stream");
                    }
                }
            }
        });
    }

    private static void checkClassNames(List<MessageModel> messages, Map<String, String> definitions,
            Map<String, SchemaDocument> docs, Problems problems) {
        // The descriptor, publisher and subscriber names derive from the data class name, so checking that is
        // enough; files with a duplicate key have their error already.
        Map<String, Long> keyCounts = new TreeMap<>();
        messages.forEach(m -> keyCounts.merge(m.key(), 1L, Long::sum));
        Map<String, List<String>> byClass = new LinkedHashMap<>();
        for (MessageModel m : messages) {
            if (keyCounts.get(m.key()) == 1L) {
                byClass.computeIfAbsent(m.qualifiedClassName(), c -> new ArrayList<>()).add(m.doc().file());
            }
        }
        definitions.forEach((file, cls) -> byClass.computeIfAbsent(cls, c -> new ArrayList<>()).add(file));
        byClass.forEach((cls, files) -> {
            if (files.size() > 1) {
                for (String file : new TreeSet<>(files)) {
                    SchemaDocument doc = docs.get(file);
                    String pointer = doc.metadata() != null && doc.metadata().has("javaType") ? "/x-kafkaesk/javaType"
                            : idPointer(doc);
                    problems.add(SchemaError.Kind.CLASS_NAME_CONFLICT, doc, pointer,
                            "class " + cls + " would be generated from " + String.join(", ", new TreeSet<>(files)),
                            "set a distinct x-kafkaesk.javaType (or id) on one of them");
                }
            }
        });
    }

    private static String idPointer(SchemaDocument doc) {
        ObjectNode meta = doc.metadata();
        if (meta != null && meta.has("id")) {
            return "/x-kafkaesk/id";
        }
        return doc.root().has("title") ? "/title" : meta != null ? "/x-kafkaesk" : "";
    }

    /** The package for a file in {@code folder}: the base package plus one segment per folder. */
    static String packageName(String basePackage, String folder) {
        StringBuilder pkg = new StringBuilder(basePackage);
        if (!folder.isEmpty()) {
            for (String segment : folder.split("/")) {
                if (pkg.length() > 0) {
                    pkg.append('.');
                }
                pkg.append(Names.packageSegment(segment));
            }
        }
        return pkg.toString();
    }

    private static String qualify(String pkg, String simpleName) {
        return pkg.isEmpty() ? simpleName : pkg + "." + simpleName;
    }
}
