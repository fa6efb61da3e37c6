package io.kafkaesk.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.jspecify.annotations.Nullable;

/**
 * Keeps credentials in {@code kafkaSettings} out of logs and error messages.
 *
 * <p>A setting's value may be shown only when its name is a Kafka producer, consumer or admin client setting whose
 * type is not {@code PASSWORD} ({@code security.protocol}, {@code sasl.mechanism}, {@code ssl.truststore.location}
 * ...). Everything else is a secret: {@code PASSWORD} settings ({@code sasl.jaas.config},
 * {@code ssl.truststore.password}, {@code ssl.key.password}, {@code ssl.keystore.key} ...) and any name Kafka does
 * not define, since kafkaesk cannot know what a custom setting holds.
 */
public final class Secrets {
    /** What replaces a secret value. */
    public static final String HIDDEN = "[hidden]";

    private static final Map<String, ConfigDef.Type> CLIENT_SETTINGS = clientSettings();
    /** {@code password="..."} and the like inside a JAAS configuration. */
    private static final Pattern JAAS_SECRET = Pattern.compile(
            "(?i)\\b[\\w.-]*(?:password|secret|token|credential)[\\w.-]*\\s*=\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|[^\\s;]+)");

    private Secrets() {}

    /** Whether the value of this setting must never be shown. */
    public static boolean isSecret(String name) {
        ConfigDef.Type type = CLIENT_SETTINGS.get(name);
        return type == null || type == ConfigDef.Type.PASSWORD;
    }

    /** A copy of the settings, in the same order, with every secret value replaced by {@value #HIDDEN}. */
    public static Map<String, Object> masked(Map<String, ?> settings) {
        Map<String, Object> masked = new LinkedHashMap<>();
        settings.forEach((name, value) -> masked.put(name, isSecret(name) ? HIDDEN : value));
        return masked;
    }

    /**
     * The text with every secret of the settings replaced by {@value #HIDDEN}: the values of secret settings and,
     * inside them, JAAS options such as {@code password="..."}.
     */
    public static String scrub(String text, Map<String, ?> settings) {
        String result = text;
        for (String secret : secretValues(settings)) {
            result = result.replace(secret, HIDDEN);
        }
        return result;
    }

    /** Whether the message of the error, or of any of its causes, shows a secret of the settings. */
    public static boolean revealedBy(@Nullable Throwable error, Map<String, ?> settings) {
        List<String> secrets = secretValues(settings);
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String text = t.toString();
            for (String secret : secrets) {
                if (text.contains(secret)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every secret string in the settings, longest first so that a secret containing another is hidden whole. */
    private static List<String> secretValues(Map<String, ?> settings) {
        List<String> secrets = new ArrayList<>();
        settings.forEach((name, value) -> {
            if (value == null || !isSecret(name)) {
                return;
            }
            String text = String.valueOf(value);
            // A custom setting's short value (true, 10) is more likely a flag than a secret, and hiding it would
            // garble every message that happens to contain it.
            if (CLIENT_SETTINGS.containsKey(name) ? !text.isEmpty() : text.length() >= 4) {
                secrets.add(text);
            }
            Matcher m = JAAS_SECRET.matcher(text);
            while (m.find()) {
                String option = m.group(1);
                secrets.add(option);
                if (option.length() > 2 && option.startsWith("\"")) {
                    secrets.add(option.substring(1, option.length() - 1));
                }
            }
        });
        secrets.sort(Comparator.comparingInt(String::length).reversed());
        return secrets;
    }

    private static Map<String, ConfigDef.Type> clientSettings() {
        Map<String, ConfigDef.Type> types = new HashMap<>();
        for (ConfigDef def : List.of(ProducerConfig.configDef(), ConsumerConfig.configDef(),
                AdminClientConfig.configDef())) {
            def.configKeys().forEach((name, key) -> types.merge(name, key.type,
                    // Should two clients disagree, the stricter type wins.
                    (a, b) -> a == ConfigDef.Type.PASSWORD ? a : b));
        }
        return Map.copyOf(types);
    }
}
