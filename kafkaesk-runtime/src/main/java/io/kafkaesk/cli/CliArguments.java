package io.kafkaesk.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Command-line arguments: positional words, {@code --name value} / {@code --name=value} options and
 * {@code --flag} switches. Unknown options are refused so that a typo never silently changes behaviour.
 */
final class CliArguments {
    private final List<String> positional;
    private final Map<String, String> options;

    private CliArguments(List<String> positional, Map<String, String> options) {
        this.positional = positional;
        this.options = options;
    }

    /**
     * Parses {@code args}.
     *
     * @param valued options that take a value
     * @param flags options that take none
     * @throws UsageException for an unknown option, a missing value or an option given twice
     */
    static CliArguments parse(List<String> args, Set<String> valued, Set<String> flags) {
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw new UsageException("--" + name + " takes no value, got '" + value + "'");
                }
                value = "true";
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
            } else {
                throw new UsageException("unknown option --" + name);
            }
            if (options.put(name, value) != null) {
                throw new UsageException("--" + name + " is given more than once");
            }
        }
        return new CliArguments(List.copyOf(positional), options);
    }

    List<String> positional() {
        return positional;
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    /** Reads an integer option, refusing anything below {@code min}. */
    Optional<Integer> intOption(String name, int min) {
        Optional<String> raw = option(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            int value = Integer.parseInt(raw.get().trim());
            if (value < min) {
                throw new UsageException("Invalid value " + raw.get() + " for --" + name + ": it must be " + min
                        + " or more");
            }
            return Optional.of(value);
        } catch (NumberFormatException e) {
            throw new UsageException("Invalid value " + raw.get() + " for --" + name + ": not a whole number");
        }
    }
}
