package io.kafkaesk.codegen.internal.compat;

import io.kafkaesk.codegen.Compatibility;
import io.kafkaesk.codegen.SchemaError;
import io.kafkaesk.codegen.SchemaSource;
import io.kafkaesk.codegen.internal.Linker;
import io.kafkaesk.codegen.internal.MessageModel;
import io.kafkaesk.codegen.internal.Problems;
import io.kafkaesk.codegen.internal.RefCheck;
import io.kafkaesk.codegen.internal.SchemaArchive;
import io.kafkaesk.codegen.internal.SchemaDocument;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Checks that the versions of each schema id evolve compatibly: each version of the source set against the version
 * before it (or every earlier one, in a transitive mode), taken from the source set or a baseline, and each version
 * that a baseline released against its changed copy in the source set.
 *
 * <p>The mode is the newer version's {@code x-kafkaesk.compatibility}, else the project's. Every incompatible
 * change becomes an {@code incompatible-change} error at the new version's file, naming the rule, the old file
 * and location, who breaks, and a fix.
 */
public final class CompatibilityCheck {
    private CompatibilityCheck() {}

    /** The released versions of schema ids: the message schemas of one baseline. */
    public record Baseline(Site.SchemaSet set, List<MessageModel> messages) {}

    /**
     * Reads a baseline; problems in its files are not the project's to fix, so only its message schemas count.
     *
     * @throws IOException when it cannot be read
     */
    public static Baseline baseline(SchemaSource source) throws IOException {
        Problems ignored = new Problems();
        Map<String, SchemaDocument> docs = SchemaArchive.read(source, ignored);
        Map<String, Set<String>> refs = new TreeMap<>();
        for (SchemaDocument doc : docs.values()) {
            refs.put(doc.file(), RefCheck.check(doc, docs, ignored));
        }
        List<MessageModel> messages = Linker.link(docs, refs, "", ignored).messages();
        return new Baseline(new Site.SchemaSet(source.name() + "!", docs), messages);
    }

    /**
     * Records an error for every incompatible change between versions.
     *
     * @param messages the message schemas of the source set
     * @param docs every file of the source set
     * @param baselines earlier releases, the first one that has a version wins
     * @param project the project's mode, for schemas that do not set their own
     */
    public static void check(List<MessageModel> messages, Map<String, SchemaDocument> docs, List<Baseline> baselines,
            Compatibility project, Problems problems) {
        Site.SchemaSet local = new Site.SchemaSet("", docs);
        Map<String, NavigableMap<Integer, Site>> released = new TreeMap<>();
        Map<String, NavigableMap<Integer, Site>> history = new TreeMap<>();
        for (Baseline b : baselines) {
            for (MessageModel m : b.messages()) {
                Site root = Site.root(b.set(), m.doc());
                released.computeIfAbsent(m.id(), k -> new TreeMap<>()).putIfAbsent(m.version(), root);
                history.computeIfAbsent(m.id(), k -> new TreeMap<>()).putIfAbsent(m.version(), root);
            }
        }
        Map<String, NavigableMap<Integer, Site>> current = new TreeMap<>();
        for (MessageModel m : messages) {
            Site root = Site.root(local, m.doc());
            current.computeIfAbsent(m.id(), k -> new TreeMap<>()).put(m.version(), root);
            history.computeIfAbsent(m.id(), k -> new TreeMap<>()).put(m.version(), root);
        }
        current.forEach((id, versions) -> versions.forEach((version, site) -> {
            Compatibility mode = mode(site, project);
            if (mode == Compatibility.NONE) {
                return;
            }
            Site release = released.getOrDefault(id, new TreeMap<>()).get(version);
            if (release != null && !release.doc().root().equals(site.doc().root())) {
                report(id, version, release, version, site, mode, problems);
            }
            NavigableMap<Integer, Site> earlier = history.get(id).headMap(version, false);
            Iterable<Map.Entry<Integer, Site>> olds = mode.transitive()
                    ? earlier.entrySet()
                    : earlier.isEmpty() ? List.of() : List.of(earlier.lastEntry());
            for (Map.Entry<Integer, Site> old : olds) {
                report(id, old.getKey(), old.getValue(), version, site, mode, problems);
            }
        }));
    }

    /** The schema's own mode, else the project's; the meta-schema has checked the value. */
    private static Compatibility mode(Site site, Compatibility project) {
        JsonNode own = site.doc().root().path("x-kafkaesk").path("compatibility");
        return own.isString() ? Compatibility.parse(own.asString()) : project;
    }

    private static void report(String id, int oldVersion, Site oldRoot, int newVersion, Site newRoot,
            Compatibility mode, Problems problems) {
        String oldKey = id + ":" + oldVersion;
        String newKey = id + ":" + newVersion;
        String oldName = oldVersion == newVersion ? oldKey + " as released in " + oldRoot.set().label()
                .replaceAll("!$", "") : oldKey;
        for (Finding f : SchemaDiff.compare(oldRoot, newRoot)) {
            List<String> breaks = new ArrayList<>();
            if (mode.backward() && f.breaksNewConsumers()) {
                breaks.add("consumers of " + newKey + " reject " + oldName + " messages still on the stream");
            }
            if (mode.forward() && f.breaksOldConsumers()) {
                breaks.add("consumers of " + oldName + " reject " + newKey + " messages");
            }
            if (breaks.isEmpty()) {
                continue;
            }
            String message = f.rule().id() + " from " + oldName + " to " + newKey + " (" + mode + "): " + f.detail()
                    + "; old: " + f.oldSite().where() + "; new: " + f.newSite().where() + ". "
                    + capitalize(String.join(", and ", breaks));
            String hint = f.rule().fix() + "; if the break is intended, publish the change under a new schema id "
                    + "(\"id\": \"" + id + "V" + newVersion + "\", \"version\": 1) or set \"compatibility\": \"NONE\""
                    + " in its x-kafkaesk";
            problems.add(SchemaError.Kind.INCOMPATIBLE_CHANGE, f.newSite().doc(), f.newSite().pointer(), message, hint);
        }
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
