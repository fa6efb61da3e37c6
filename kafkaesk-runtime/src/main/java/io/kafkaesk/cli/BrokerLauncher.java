package io.kafkaesk.cli;

import java.io.PrintStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

/**
 * Runs {@code kafkaesk broker}: the command itself lives in kafkaesk-test ({@code io.kafkaesk.test.BrokerCommand}),
 * beside Kafka's server code, which the runtime does not carry (it would weigh on every service that publishes).
 * With kafkaesk-test on the class path the command runs; without, it says how to get it.
 */
final class BrokerLauncher {
    static final String COMMAND_CLASS = "io.kafkaesk.test.BrokerCommand";

    private BrokerLauncher() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        MethodHandle command;
        try {
            Class<?> type = Class.forName(COMMAND_CLASS, true, Thread.currentThread().getContextClassLoader());
            command = MethodHandles.publicLookup().findStatic(type, "run",
                    MethodType.methodType(int.class, List.class, PrintStream.class, PrintStream.class));
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
            throw new UsageException("kafkaesk broker needs io.kafkaesk:kafkaesk-test on the class path (it holds "
                    + "Kafka's broker); in a Maven project, run mvn kafkaesk:broker instead");
        }
        try {
            return (int) command.invokeExact(args, out, err);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("kafkaesk broker failed: " + e, e);
        }
    }
}
