package io.kafkaesk.test;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code kafkaesk broker} command: runs a {@link LocalBroker} until Ctrl-C (SIGINT) or SIGTERM, then shuts it
 * down cleanly, keeping its data.
 *
 * <pre>
 * kafkaesk broker [--port 9092] [--data-dir ~/kafkaesk-broker] [--fresh]
 * </pre>
 *
 * <p>It lives here, beside the broker, so that the runtime does not carry Kafka's server code: the {@code kafkaesk}
 * command runs it when this module is on its class path.
 */
public final class BrokerCommand {
    static final String USAGE = """
            Usage: kafkaesk broker [--port N] [--data-dir D] [--fresh]
              --port N       the client port on localhost (default 9092)
              --data-dir D   where the broker keeps its data, kept across restarts (default ~/kafkaesk-broker)
              --fresh        delete the data directory first, to start with no topics
            """;

    private BrokerCommand() {}

    /** Runs the command and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /**
     * Runs a broker until the JVM is asked to stop.
     *
     * @return 0 after a clean stop, 1 when the broker cannot start, 2 for a command line that cannot be run
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        LocalBroker.Builder builder = LocalBroker.builder();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            try {
                switch (arg) {
                    case "--port" -> builder.port(Integer.parseInt(args.get(++i)));
                    case "--data-dir" -> builder.dataDirectory(Path.of(args.get(++i)));
                    case "--fresh" -> builder.fresh(true);
                    case "--help", "-h" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
                err.println("kafkaesk broker: " + (e instanceof IndexOutOfBoundsException ? arg + " needs a value"
                        : e.getMessage()));
                err.print(USAGE);
                return 2;
            }
        }
        LocalBroker broker;
        try {
            broker = builder.start();
        } catch (RuntimeException e) {
            err.println("kafkaesk broker: " + e.getMessage());
            return 1;
        }
        out.println("kafkaesk broker: Kafka is ready at " + broker.bootstrapServers() + " (data in "
                + broker.dataDirectory() + "); Ctrl-C stops it");
        broker.awaitJvmShutdown();
        return 0;
    }
}
