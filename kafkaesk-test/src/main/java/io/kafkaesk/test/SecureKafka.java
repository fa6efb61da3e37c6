package io.kafkaesk.test;

import io.kafkaesk.test.internal.KitPrincipalBuilder;
import io.kafkaesk.test.internal.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.security.scram.ScramCredential;
import org.apache.kafka.common.utils.Utils;

/**
 * An {@link EmbeddedKafka} with secured listeners, for testing clients that use TLS, SASL/SCRAM and ACLs against
 * a real broker. Certificates are generated in memory when it starts (no external tool, no network).
 *
 * <pre>{@code
 * try (SecureKafka kafka = SecureKafka.builder().user("alice", "alice-secret").start()) {
 *     kafka.allow("alice", ResourceType.TOPIC, "orders.", PatternType.PREFIXED, AclOperation.ALL);
 *     Map<String, Object> settings = kafka.saslSslConfig("alice", "alice-secret");
 *     // security.protocol=SASL_SSL, sasl.mechanism=SCRAM-SHA-512, sasl.jaas.config=..., ssl.truststore.*
 *     Application app = Application.builder()
 *             .kafkaServers(kafka.bootstrapServers(SecurityProtocol.SASL_SSL))
 *             .kafkaSettings(settings)
 *             .build();
 * }
 * }</pre>
 *
 * <p>Every broker listens on:
 * <ul>
 *   <li>{@code SASL_SSL}: TLS, then SCRAM-SHA-512 authentication; {@link #bootstrapServers()};
 *   <li>{@code SASL_PLAINTEXT}: SCRAM-SHA-512 without TLS;
 *   <li>{@code SSL}: TLS without client certificates, so clients are {@code User:ANONYMOUS};
 *   <li>the kit's own plaintext listener, for traffic between brokers and for {@link #embedded()}; whoever
 *       connects to it is the broker's super user, so tests of security never use it.
 * </ul>
 *
 * <p>The broker's certificate is signed by a certificate authority made for this cluster and is valid for the host
 * name {@code localhost} only (no IP address), so a client with host name verification on (Kafka's default)
 * accepts it at {@code localhost:port} and refuses it at {@code 127.0.0.1:port}. Clients trust that authority
 * through the PKCS12 trust store at {@link #truststoreLocation()}.
 *
 * <p>Authorization is Kafka's {@code StandardAuthorizer} with {@code allow.everyone.if.no.acl.found=false}: a
 * user may do nothing until {@link #allow} grants it. The super users are the broker and the admin user
 * ({@link #adminUser()}), whose credentials {@link #clientConfig()} and {@link #admin()} use. SCRAM users are
 * created by {@link Builder#user} or {@link #createUser}, each of which returns only once every running broker
 * knows the user; {@link #allow} likewise returns once every running broker enforces the new ACLs.
 *
 * <p>Needs {@code org.bouncycastle:bcpkix-jdk18on} on the test class path for the certificates.
 */
public final class SecureKafka implements KafkaCluster, AutoCloseable {
    /** The SASL mechanism of both SASL listeners. */
    public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<SecurityProtocol> PROTOCOLS =
            List.of(SecurityProtocol.SASL_SSL, SecurityProtocol.SASL_PLAINTEXT, SecurityProtocol.SSL);

    private final EmbeddedKafka embedded;
    private final Map<SecurityProtocol, String> servers;
    private final Path truststore;
    private final String truststorePassword;
    private final String caCertificatePem;
    private final String adminUser;
    private final String adminPassword;

    private SecureKafka(EmbeddedKafka embedded, Map<SecurityProtocol, String> servers, Path truststore,
            String truststorePassword, String caCertificatePem, String adminUser, String adminPassword) {
        this.embedded = embedded;
        this.servers = servers;
        this.truststore = truststore;
        this.truststorePassword = truststorePassword;
        this.caCertificatePem = caCertificatePem;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
    }

    /** Starts describing a secured cluster; by default one node. */
    public static Builder builder() {
        return new Builder();
    }

    /** The {@code SASL_SSL} listeners of every broker, e.g. {@code localhost:41234}. */
    @Override
    public String bootstrapServers() {
        return bootstrapServers(SecurityProtocol.SASL_SSL);
    }

    /**
     * The listeners of one protocol on every broker.
     *
     * @throws IllegalArgumentException for a protocol other than {@code SASL_SSL}, {@code SASL_PLAINTEXT} and
     *     {@code SSL}
     */
    public String bootstrapServers(SecurityProtocol protocol) {
        String result = servers.get(protocol);
        if (result == null) {
            throw new IllegalArgumentException("A secured embedded cluster has no " + protocol
                    + " listener for clients; use one of " + servers.keySet());
        }
        return result;
    }

    /** The admin user's client configuration: {@code bootstrap.servers} of {@code SASL_SSL} and its settings. */
    @Override
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = saslSslConfig(adminUser, adminPassword);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return config;
    }

    @Override
    public String description() {
        int brokers = embedded.brokerIds().size();
        return "secured embedded Kafka (" + brokers + (brokers == 1 ? " node)" : " nodes)");
    }

    /**
     * Client settings for {@code SASL_SSL} as this user: {@code security.protocol}, {@code sasl.mechanism},
     * {@code sasl.jaas.config} and the trust store. No {@code bootstrap.servers}. The map is new and mutable.
     */
    public Map<String, Object> saslSslConfig(String user, String password) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.SASL_SSL.name);
        config.putAll(scram(user, password));
        config.putAll(trust());
        return config;
    }

    /** Client settings for {@code SASL_PLAINTEXT} as this user. No {@code bootstrap.servers}. */
    public Map<String, Object> saslPlaintextConfig(String user, String password) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.SASL_PLAINTEXT.name);
        config.putAll(scram(user, password));
        return config;
    }

    /**
     * Client settings for {@code SSL}: the protocol and the trust store. Such a client is {@code User:ANONYMOUS}
     * to the authorizer. No {@code bootstrap.servers}.
     */
    public Map<String, Object> sslConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.SSL.name);
        config.putAll(trust());
        return config;
    }

    /** The PKCS12 trust store holding this cluster's certificate authority. */
    public Path truststoreLocation() {
        return truststore;
    }

    /** The trust store's password. */
    public String truststorePassword() {
        return truststorePassword;
    }

    /** This cluster's certificate authority, PEM encoded (for {@code ssl.truststore.type=PEM}). */
    public String caCertificatePem() {
        return caCertificatePem;
    }

    /** The super user whose credentials {@link #clientConfig()} and {@link #admin()} carry. */
    public String adminUser() {
        return adminUser;
    }

    /** The cluster underneath, to stop and start brokers; its own listener is the broker's super user. */
    public EmbeddedKafka embedded() {
        return embedded;
    }

    /**
     * Creates a SCRAM-SHA-512 user, or changes its password, and waits until every running broker accepts it.
     *
     * @throws IllegalStateException when that does not happen within 30 seconds
     */
    public void createUser(String user, String password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        try (Admin admin = embedded.admin()) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password)))
                    .all().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot create SCRAM user '" + user + "' on " + this + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating SCRAM user '" + user + "'", e);
        }
        awaitOnEveryBroker("SCRAM user '" + user + "'", broker -> broker.credentialProvider().credentialCache
                .cache(SCRAM_MECHANISM, ScramCredential.class).get(user) != null);
    }

    /**
     * Lets a user perform operations on a resource (an ACL {@code User:<user>} ALLOW from any host) and waits
     * until every running broker enforces it, e.g.
     * {@code allow("alice", ResourceType.GROUP, "billing", PatternType.LITERAL, AclOperation.READ)}.
     *
     * @param user a user name; {@code "ANONYMOUS"} for clients of the {@code SSL} listener
     * @throws IllegalStateException when that does not happen within 30 seconds
     */
    public void allow(String user, ResourceType type, String name, PatternType pattern, AclOperation... operations) {
        List<AclBinding> bindings = new ArrayList<>();
        for (AclOperation operation : operations) {
            bindings.add(new AclBinding(new ResourcePattern(type, name, pattern),
                    new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW)));
        }
        createAcls(bindings);
    }

    /**
     * Creates ACLs and waits until every running broker enforces them.
     *
     * @throws IllegalStateException when that does not happen within 30 seconds
     */
    public void createAcls(Collection<AclBinding> bindings) {
        try (Admin admin = embedded.admin()) {
            admin.createAcls(bindings).all().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot create ACLs " + bindings + " on " + this + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating ACLs", e);
        }
        for (AclBinding binding : bindings) {
            awaitOnEveryBroker("ACL " + binding, broker -> broker.authorizerPlugin().isDefined()
                    && broker.authorizerPlugin().get().get().acls(binding.toFilter()).iterator().hasNext());
        }
    }

    /** Stops every node and deletes the cluster's data, certificates and trust store. */
    @Override
    public void close() {
        try {
            embedded.close();
        } finally {
            try {
                Utils.delete(truststore.getParent().toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete " + truststore.getParent(), e);
            }
        }
    }

    @Override
    public String toString() {
        return description() + " at " + servers;
    }

    private Map<String, Object> scram(String user, String password) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(SaslConfigs.SASL_MECHANISM, SCRAM_MECHANISM);
        config.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(user, password));
        return config;
    }

    private Map<String, Object> trust() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore.toString());
        config.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, truststorePassword);
        config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
        return config;
    }

    /** A {@code sasl.jaas.config} value for SCRAM with this user name and password. */
    public static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + quote(user)
                + "\" password=\"" + quote(password) + "\";";
    }

    private static String quote(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private interface BrokerCondition {
        boolean holds(BrokerServer broker);
    }

    private void awaitOnEveryBroker(String what, BrokerCondition condition) {
        BooleanSupplier everywhere = () -> embedded.runningBrokers().values().stream().allMatch(condition::holds);
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (!everywhere.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(what + " did not reach every broker of " + this + " within "
                            + WAIT.toSeconds() + " s");
                }
                TimeUnit.MILLISECONDS.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + what, e);
        }
    }

    /** Describes a secured cluster to start. */
    public static final class Builder {
        private int brokers = 1;
        private final Map<String, Object> brokerConfig = new LinkedHashMap<>();
        private final Map<String, String> users = new LinkedHashMap<>();

        private Builder() {}

        /** The number of brokers, 1 or more. Default 1. */
        public Builder brokers(int brokers) {
            if (brokers < 1) {
                throw new IllegalArgumentException("brokers must be 1 or more, got " + brokers);
            }
            this.brokers = brokers;
            return this;
        }

        /** Sets a broker configuration property on every node; see {@link EmbeddedKafka.Builder#brokerConfig}. */
        public Builder brokerConfig(String name, Object value) {
            brokerConfig.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** A SCRAM-SHA-512 user to create on start; it has no ACLs until {@link SecureKafka#allow} grants some. */
        public Builder user(String name, String password) {
            users.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(password, "password"));
            return this;
        }

        /**
         * Generates the certificate authority, the broker certificate and the stores, starts the cluster and
         * creates the users.
         *
         * @throws IllegalStateException if the cluster fails to start
         */
        public SecureKafka start() {
            Path security;
            try {
                security = Files.createTempDirectory("kafkaesk-tls-");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a temporary directory for certificates", e);
            }
            EmbeddedKafka embedded = null;
            try {
                TestCertificates.Issued ca = TestCertificates.certificateAuthority("kafkaesk test CA");
                TestCertificates.Issued broker = TestCertificates.server(ca, "localhost", List.of("localhost"));
                String keyPassword = TestCertificates.randomPassword();
                Path keystore = security.resolve("broker.p12");
                TestCertificates.writeKeyStore(keystore, "broker", broker, keyPassword);
                String truststorePassword = TestCertificates.randomPassword();
                Path truststore = security.resolve("truststore.p12");
                TestCertificates.writeTrustStore(truststore, ca.certificate(), truststorePassword);

                String adminUser = "kafkaesk-admin";
                String adminPassword = TestCertificates.randomPassword();
                String internal = KitPrincipalBuilder.INTERNAL_LISTENER;
                String controller = KitPrincipalBuilder.CONTROLLER_LISTENER;
                Map<String, Object> config = new HashMap<>();
                config.put("listener.security.protocol.map", internal + ":PLAINTEXT," + controller + ":PLAINTEXT,"
                        + "SASL_SSL:SASL_SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SSL:SSL");
                config.put("sasl.enabled.mechanisms", SCRAM_MECHANISM);
                String serverJaas = "org.apache.kafka.common.security.scram.ScramLoginModule required;";
                config.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", serverJaas);
                config.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config", serverJaas);
                config.put("ssl.keystore.type", "PKCS12");
                config.put("ssl.keystore.location", keystore.toString());
                config.put("ssl.keystore.password", keyPassword);
                config.put("ssl.key.password", keyPassword);
                config.put("ssl.client.auth", "none");
                config.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
                config.put("allow.everyone.if.no.acl.found", "false");
                config.put("super.users", "User:" + KitPrincipalBuilder.BROKER_USER + ";User:" + adminUser);
                config.put("principal.builder.class", KitPrincipalBuilder.class.getName());
                Map<Integer, Map<SecurityProtocol, Integer>> ports = new TreeMap<>();
                for (int attempt = 1; embedded == null; attempt++) {
                    // Fixed ports, so that a restarted broker keeps its addresses. Another process may take one
                    // between choosing and binding it: then choose again.
                    ports.clear();
                    Map<Integer, String> listeners = new TreeMap<>();
                    Iterator<Integer> free = freePorts(brokers * PROTOCOLS.size()).iterator();
                    for (int id = 0; id < brokers; id++) {
                        Map<SecurityProtocol, Integer> nodePorts = new LinkedHashMap<>();
                        List<String> nodeListeners = new ArrayList<>();
                        for (SecurityProtocol protocol : PROTOCOLS) {
                            int port = free.next();
                            nodePorts.put(protocol, port);
                            nodeListeners.add(protocol.name + "://localhost:" + port);
                        }
                        ports.put(id, nodePorts);
                        listeners.put(id, String.join(",", nodeListeners));
                    }
                    try {
                        // Users' settings win over the kit's, as with EmbeddedKafka.
                        embedded = EmbeddedKafka.builder().brokers(brokers).brokerConfig(config)
                                .brokerConfig(brokerConfig).listeners(internal, listeners).start();
                    } catch (IllegalStateException e) {
                        if (attempt >= 3 || !causedByBind(e)) {
                            throw e;
                        }
                    }
                }

                Map<SecurityProtocol, String> servers = new LinkedHashMap<>();
                for (SecurityProtocol protocol : PROTOCOLS) {
                    List<String> addresses = new ArrayList<>();
                    ports.values().forEach(nodePorts -> addresses.add("localhost:" + nodePorts.get(protocol)));
                    servers.put(protocol, String.join(",", addresses));
                }
                SecureKafka kafka = new SecureKafka(embedded, servers, truststore, truststorePassword,
                        TestCertificates.pem(ca.certificate()), adminUser, adminPassword);
                kafka.createUser(adminUser, adminPassword);
                users.forEach(kafka::createUser);
                return kafka;
            } catch (RuntimeException e) {
                if (embedded != null) {
                    try {
                        embedded.close();
                    } catch (RuntimeException closing) {
                        e.addSuppressed(closing);
                    }
                }
                try {
                    Utils.delete(security.toFile());
                } catch (IOException deleting) {
                    e.addSuppressed(deleting);
                }
                throw e;
            }
        }

        private static boolean causedByBind(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof BindException) {
                    return true;
                }
            }
            return false;
        }

        /**
         * {@code count} free ports on localhost, all different: each one's socket stays open until all are chosen
         * (a port chosen and released at once can be chosen again by the next call).
         */
        private static List<Integer> freePorts(int count) {
            List<ServerSocket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    sockets.add(new ServerSocket(0, 1, InetAddress.getByName("localhost")));
                }
                return sockets.stream().map(ServerSocket::getLocalPort).toList();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot find " + count + " free ports on localhost", e);
            } finally {
                for (ServerSocket socket : sockets) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // A port not released fails the broker's bind, and the start chooses again.
                    }
                }
            }
        }
    }
}
