package io.kafkaesk.cli;

import io.kafkaesk.internal.consumer.DeadLetterNames;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Command-line arguments: positional words, {@code --name value} / {@code --name=value} options and
 * {@code --flag} switches. Unknown options are refused so that a typo never silently changes behaviour.
 */
final class CliArguments {
    private static final Pattern AGE = Pattern.compile("(\\d{1,9})([smhd])");

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

    /** The worker's {@code --instance-id}: the value, or the host name for {@code auto}. */
    static String instanceId(String value) {
        if (!value.equals("auto")) {
            if (value.isBlank()) {
                throw new UsageException("--instance-id needs a value: an id or 'auto' for the host name");
            }
            return value;
        }
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                throw new UsageException("--instance-id auto: the host name is unknown (" + e.getMessage()
                        + "); give an id");
            }
        }
        return host;
    }

    /** The options of {@code dlq replay}, checked. */
    static DeadLetterReplay.Options replayOptions(CliArguments args) {
        String stream = args.option("dead-letter-stream").orElse(DeadLetterReplay.DEFAULT_STREAM);
        try {
            DeadLetterNames.check(stream, "given with --dead-letter-stream");
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        int starts = (args.flag("from-beginning") ? 1 : 0) + (args.option("since").isPresent() ? 1 : 0)
                + (args.option("offsets").isPresent() ? 1 : 0);
        if (starts > 1) {
            throw new UsageException("choose one of --from-beginning, --since and --offsets");
        }
        return new DeadLetterReplay.Options(stream, args.option("topic").orElse(null),
                args.option("error-class").orElse(null), args.option("group").orElse(null), args.flag("dry-run"),
                args.flag("from-beginning"), args.option("since").map(CliArguments::since).orElse(null),
                args.option("offsets").map(DeadLetterReplay::parseOffsets).orElse(null));
    }

    /** Parses {@code --since}: an instant, a date (midnight UTC), or an age such as {@code 30m}, {@code 2h}, {@code 1d}. */
    static Instant since(String value) {
        String v = value.trim();
        Matcher age = AGE.matcher(v);
        if (age.matches()) {
            long n = Long.parseLong(age.group(1));
            Duration d = switch (age.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return Instant.now().minus(d);
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                throw new UsageException("Invalid value '" + value + "' for --since: expected an instant such as "
                        + "2026-12-01T10:00:00Z, a date such as 2026-12-01 (midnight UTC), or an age such as 30m, "
                        + "2h or 1d");
            }
        }
    }
}
