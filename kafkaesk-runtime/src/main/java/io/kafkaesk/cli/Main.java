package io.kafkaesk.cli;

import io.kafkaesk.Application;
import io.kafkaesk.ApplicationSettings;
import io.kafkaesk.Kafkaesk;
import io.kafkaesk.KafkaeskException;
import io.kafkaesk.internal.KafkaClients;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.KafkaException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code kafkaesk} command: runs an application as a worker, and replays dead letters.
 *
 * <pre>
 * kafkaesk com.acme.App#app --kafka-servers localhost:9092 [--kafka-settings '{"security.protocol":"SSL"}']
 *          [--topic-prefix dev.] [--replication-factor 3] [--health-port 8080] [--health-host 127.0.0.1]
 *          [--instance-id ID|auto]
 * kafkaesk dlq replay --kafka-servers localhost:9092 [--topic-prefix dev.] [--dead-letter-stream S]
 *          [--topic T] [--error-class C] [--group G] [--from-beginning | --since TIME | --offsets P:O,...]
 *          [--dry-run]
 * kafkaesk broker [--port 9092] [--data-dir ~/kafkaesk-broker] [--fresh]
 * </pre>
 *
 * <p>A worker or broker on a class path without an SLF4J provider logs to standard error at INFO, and says so once.
 *
 * <p>Exit codes: 0 success (a worker stopped by SIGINT or SIGTERM included), 1 failure, 2 a command line that
 * cannot be run; the message on standard error says what to change.
 */
public final class Main {
    static final String USAGE = """
            Usage:
              kafkaesk <app-class>[#field-or-method] [options]   run an application until SIGINT/SIGTERM
              kafkaesk dlq replay [options]                       republish dead letters to their topics
              kafkaesk broker [--port 9092] [--data-dir D] [--fresh]
                                                          a local Kafka broker for development (needs kafkaesk-test)

            Common options:
              --kafka-servers host:port[,host:port...]   Kafka bootstrap servers (required unless the application sets them)
              --kafka-settings '<json object>'           extra Kafka client settings: SSL, SASL, tuning
              --topic-prefix P                           prefix of every topic name

            Worker options:
              --replication-factor N                     replication factor of topics kafkaesk creates
              --health-port N                            serve GET /health on this port (200, or 503 with the reason);
                                                         /health/ready the same, /health/live 200 while starting too
              --health-host H                            the address /health listens on (default: every interface)
              --instance-id ID|auto                      static group membership: a restarted worker gets its
                                                         partitions back at once; auto = the host name

            Dead-letter replay options:
              --dead-letter-stream S                     the dead-letter stream (default kafkaesk.dead-letter)
              --topic T                                  replay only records that came from stream or topic T
              --error-class C                            replay only records that failed with C (full or simple name)
              --group G                                  replay only records that failed in consumer group G
              --from-beginning                           read every dead letter, not only those after the saved position
              --since TIME                               start at dead letters written at or after TIME
                                                         (2026-12-01T10:00:00Z, 2026-12-01, or 30m / 2h / 1d ago)
              --offsets P:O[-O2],...                     replay exactly these records; the position is left alone
              --dry-run                                  list what would be replayed and why it failed, send nothing
            """;

    private static final Set<String> COMMON = Set.of("kafka-servers", "kafka-settings", "topic-prefix");
    private static final Set<String> WORKER = union(COMMON, Set.of("replication-factor", "health-port", "health-host",
            "instance-id"));
    private static final Set<String> REPLAY = union(COMMON, Set.of("dead-letter-stream", "topic", "error-class", "group",
            "since", "offsets"));

    private Main() {}

    /** Runs the command and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /**
     * Runs the command without exiting the JVM.
     *
     * @return the exit code: 0 success, 1 failure, 2 a command line that cannot be run
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
                (args.isEmpty() ? err : out).print(USAGE);
                return args.isEmpty() ? 2 : 0;
            }
            if (args.get(0).equals("dlq")) {
                return deadLetters(args.subList(1, args.size()), out);
            }
            WorkerLogging.useStderrUnlessConfigured(err);
            if (args.get(0).equals("broker")) {
                return BrokerLauncher.run(args.subList(1, args.size()), out, err);
            }
            return worker(args, out);
        } catch (UsageException e) {
            err.println("kafkaesk: " + e.getMessage());
            err.println("Run 'kafkaesk --help' for the options.");
            return 2;
        } catch (KafkaeskException e) {
            err.println("kafkaesk: " + e.getMessage());
            return 1;
        }
    }

    private static int worker(List<String> raw, PrintStream out) {
        CliArguments args = CliArguments.parse(raw, WORKER, Set.of());
        if (args.positional().size() != 1) {
            throw new UsageException("expected one application, e.g. com.acme.App#app, got " + args.positional());
        }
        Map<String, Object> kafkaSettings = kafkaSettings(args);
        Optional<Integer> replicationFactor = args.intOption("replication-factor", 1);
        Optional<Integer> healthPort = args.intOption("health-port", 0);
        Optional<String> healthHost = args.option("health-host");
        if (healthHost.isPresent() && healthPort.isEmpty()) {
            throw new UsageException("--health-host needs --health-port");
        }
        Application app = new ApplicationLoader(Thread.currentThread().getContextClassLoader())
                .load(args.positional().get(0));
        app.configure(b -> {
            args.option("kafka-servers").ifPresent(s -> b.kafkaServers(servers(s)));
            args.option("topic-prefix").ifPresent(b::topicPrefix);
            if (!kafkaSettings.isEmpty()) {
                Map<String, Object> merged = new LinkedHashMap<>(app.settings().kafkaSettings());
                merged.putAll(kafkaSettings);
                b.kafkaSettings(merged);
            }
            replicationFactor.ifPresent(b::replicationFactor);
        });
        args.option("instance-id").ifPresent(id -> app.instanceId(CliArguments.instanceId(id)));
        if (app.settings().kafkaServers().isEmpty()) {
            throw new UsageException("--kafka-servers is required: the application " + args.positional().get(0)
                    + " configures no Kafka servers");
        }
        try (HealthServer health = healthPort
                .map(port -> HealthServer.start(healthHost.orElse(null), port, app)).orElse(null)) {
            if (health != null) {
                out.println("kafkaesk: health on http://" + healthHost.orElse("localhost") + ":" + health.port()
                        + "/health");
            }
            Kafkaesk.run(app);
        }
        return 0;
    }

    private static int deadLetters(List<String> raw, PrintStream out) {
        CliArguments args = CliArguments.parse(raw, REPLAY, Set.of("dry-run", "from-beginning"));
        if (!args.positional().equals(List.of("replay"))) {
            throw new UsageException("expected 'kafkaesk dlq replay', got 'kafkaesk dlq "
                    + String.join(" ", args.positional()) + "'");
        }
        String servers = args.option("kafka-servers")
                .orElseThrow(() -> new UsageException("--kafka-servers is required for dlq replay"));
        ApplicationSettings settings = ApplicationSettings.builder()
                .kafkaServers(servers(servers))
                .topicPrefix(args.option("topic-prefix").orElse(""))
                .kafkaSettings(kafkaSettings(args))
                .settings();
        DeadLetterReplay replay = new DeadLetterReplay(settings, CliArguments.replayOptions(args), out);
        try {
            replay.run();
        } catch (KafkaException e) {
            // Named for the settings involved, and without any secret Kafka's message may repeat.
            throw KafkaClients.failure("Cannot replay dead letters from Kafka at "
                    + settings.kafkaServers(), settings, e);
        }
        return 0;
    }

    private static List<String> servers(String value) {
        List<String> servers = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (servers.isEmpty()) {
            throw new UsageException("--kafka-servers needs at least one host:port");
        }
        return servers;
    }

    /** Parses {@code --kafka-settings}: a JSON object whose values are strings, numbers or booleans. */
    static Map<String, Object> kafkaSettings(CliArguments args) {
        Optional<String> raw = args.option("kafka-settings");
        if (raw.isEmpty()) {
            return Map.of();
        }
        JsonNode node;
        try {
            node = JsonMapper.builder().build().readTree(raw.get());
        } catch (JacksonException e) {
            // Jackson quotes the token it cannot read, which may be a password: say where, not what. The cause is
            // left out for the same reason.
            String reason = e.getOriginalMessage().replaceFirst("^Unrecognized token '.*?':", "Unrecognized token:");
            throw new UsageException("Invalid value for --kafka-settings: not valid JSON (" + reason + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                    + "); expected an object such as '{\"security.protocol\":\"SSL\"}'");
        }
        if (node == null || !node.isObject()) {
            throw new UsageException("Invalid value for --kafka-settings: expected a JSON object such as "
                    + "'{\"security.protocol\":\"SSL\"}', got " + (node == null ? "nothing" : node.getNodeType()));
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode v = e.getValue();
            if (!v.isString() && !v.isNumber() && !v.isBoolean()) {
                throw new UsageException("Invalid value for --kafka-settings: \"" + e.getKey()
                        + "\" must be a string, number or boolean, got " + v.getNodeType());
            }
            // As text: Kafka parses text for every setting type, while a Long is refused for its int settings.
            settings.put(e.getKey(), v.isString() ? v.asString() : v.toString());
        }
        return settings;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        HashSet<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
