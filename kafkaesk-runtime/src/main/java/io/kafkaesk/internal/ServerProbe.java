package io.kafkaesk.internal;

import io.kafkaesk.ApplicationSettings;
import io.kafkaesk.KafkaeskException;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up check that turns a Kafka that cannot be used into an error within seconds, naming the likely cause:
 * an unknown host, nothing listening, no answer, or a security protocol that does not match the listener (TLS
 * against a plaintext listener, or the reverse). Without it a client retries quietly until its timeouts end,
 * typically after 30 s, and says only that nothing answered.
 *
 * <p>In order: each server's host name is looked up (when none has an address, the start fails); an admin client
 * of the application's settings is made for the check (when Kafka refuses a setting, the check ends and the clients
 * report it as usual); a TCP connection is opened to each server, within a second (when none opens, the start
 * fails naming each one's cause); one {@code describeCluster} request with a short timeout: when it answers, or
 * fails for any reason but a timeout (a refused password, say, which the clients report themselves), nothing else
 * happens. Otherwise each server is asked whether it speaks the client's protocol (a plaintext Kafka
 * request, a TLS greeting), and when every server shows a mismatch the start fails with them all. A server that
 * shows none (slow, say) lets the start go on under the usual timeouts: the check never refuses a Kafka that might
 * work.
 */
public final class ServerProbe {
    private static final Logger LOG = LoggerFactory.getLogger(ServerProbe.class);
    private static final short API_VERSIONS_KEY = 18;
    /** How long the first answer may take before the servers are examined. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(2);
    /** The bound of each step of examining one server: connecting, then a TLS handshake. */
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(1);

    private ServerProbe() {}

    /**
     * Checks that the servers of {@code settings} can be used by a client of those settings.
     *
     * @throws KafkaeskException when a value of {@code kafkaSettings} is invalid, or every server shows why it
     *     cannot be used; the message names each server and its cause
     */
    public static void check(ApplicationSettings settings) {
        Map<String, Object> config = KafkaConfigs.admin(settings);
        String protocol = String.valueOf(config.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
                CommonClientConfigs.DEFAULT_SECURITY_PROTOCOL)).toUpperCase(Locale.ROOT);
        List<String> unknown = new ArrayList<>();
        for (String server : settings.kafkaServers()) {
            String cause = unknownHost(server);
            if (cause != null) {
                unknown.add(server + ": " + cause);
            }
        }
        if (unknown.size() == settings.kafkaServers().size()) {
            throw failure(settings, unknown); // Kafka's clients refuse to start then, naming no host
        }
        Admin admin;
        try {
            admin = Admin.create(probeConfig(config));
        } catch (KafkaException e) {
            return; // a setting Kafka refuses (a bad JAAS line, say): the clients report it, with its reason
        }
        try {
            check(settings, protocol, admin);
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    private static void check(ApplicationSettings settings, String protocol, Admin admin) {
        List<String> causes = new ArrayList<>();
        List<String> reachable = new ArrayList<>();
        for (String server : settings.kafkaServers()) {
            String cause = unreachable(server);
            if (cause == null) {
                reachable.add(server);
            } else {
                causes.add(server + ": " + cause);
            }
        }
        if (reachable.isEmpty()) {
            throw failure(settings, causes);
        }
        if (answers(admin)) {
            return;
        }
        for (String server : reachable) {
            String cause = protocolMismatch(server, protocol);
            if (cause == null) {
                LOG.info("Kafka at {} is slow to answer (over {} s), but {} shows no mismatch with security.protocol "
                        + "{}: going on", settings.kafkaServers(), ANSWER_TIMEOUT.toSeconds(), server, protocol);
                return;
            }
            causes.add(server + ": " + cause);
        }
        throw failure(settings, causes);
    }

    private static KafkaeskException failure(ApplicationSettings settings, List<String> causes) {
        return new KafkaeskException("Cannot connect to Kafka at " + settings.kafkaServers() + " (kafkaServers): "
                + String.join("; ", causes));
    }

    /** The application's admin settings, with every wait bounded by {@link #ANSWER_TIMEOUT}. */
    private static Map<String, Object> probeConfig(Map<String, Object> config) {
        Map<String, Object> probe = new HashMap<>(config);
        probe.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ANSWER_TIMEOUT.toMillis());
        probe.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ANSWER_TIMEOUT.toMillis());
        probe.put(AdminClientConfig.CLIENT_ID_CONFIG, "kafkaesk-start-check");
        return probe;
    }

    /** False only when a {@code describeCluster} request timed out; any other failure is for the clients to report. */
    private static boolean answers(Admin admin) {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) ANSWER_TIMEOUT.toMillis()))
                    .nodes().get(ANSWER_TIMEOUT.toMillis() + STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (ExecutionException e) {
            return !(e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException);
        } catch (TimeoutException e) {
            return false;
        }
    }

    /** Why the host of {@code host:port} has no address, or null when it has one. */
    private static @Nullable String unknownHost(String server) {
        try {
            InetAddress.getByName(host(server));
            return null;
        } catch (UnknownHostException e) {
            return "unknown host " + host(server) + " (no address found for it): check the host name";
        }
    }

    private static String host(String server) {
        int colon = server.lastIndexOf(':');
        return (colon < 0 ? server : server.substring(0, colon)).replaceAll("^\\[|]$", "");
    }

    /** Why nothing can connect to {@code host:port}, or null when a TCP connection opens. */
    static @Nullable String unreachable(String server) {
        String host = host(server);
        int port = port(server);
        if (port < 0) {
            return "not a host:port";
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return unknownHost(server);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), (int) STEP_TIMEOUT.toMillis());
            return null;
        } catch (ConnectException e) {
            return "nothing listens on port " + port + " of " + host + " (connection refused): check the port, and "
                    + "that the broker runs (for a local one: kafkaesk broker, or mvn kafkaesk:broker)";
        } catch (SocketTimeoutException e) {
            return "no answer from " + host + " within " + STEP_TIMEOUT.toSeconds() + " s: a firewall, a wrong "
                    + "address, or the host is down";
        } catch (IOException e) {
            return "cannot connect: " + e.getMessage();
        }
    }

    /**
     * Why a listener that accepts connections does not serve a client of this security protocol, or null when
     * nothing shows. A plaintext client first sends the listener a Kafka request in plaintext; only a listener that
     * does not answer it gets a TLS greeting, so a Kafka plaintext listener that is merely slow is never sent
     * one (it would log it as an oversized request).
     */
    static @Nullable String protocolMismatch(String server, String protocol) {
        String host = host(server);
        int port = port(server);
        int timeout = (int) STEP_TIMEOUT.toMillis();
        boolean clientTls = protocol.equals("SSL") || protocol.equals("SASL_SSL");
        if (!clientTls && answersPlainKafka(host, port, timeout)) {
            return null;
        }
        Boolean serverTls = speaksTls(host, port, timeout);
        if (serverTls == null) {
            return null;
        }
        if (clientTls && !serverTls) {
            return "the listener does not speak TLS, but security.protocol is " + protocol + ": it is probably a "
                    + "PLAINTEXT listener; use the port of the broker's TLS listener, or security.protocol "
                    + (protocol.equals("SSL") ? "PLAINTEXT" : "SASL_PLAINTEXT");
        }
        if (!clientTls && serverTls) {
            return "the listener speaks TLS, but security.protocol is " + protocol + ": set security.protocol to "
                    + (protocol.startsWith("SASL") ? "SASL_SSL" : "SSL") + " in kafkaSettings, with ssl.truststore.* "
                    + "naming the trust store that holds the broker's certificate authority";
        }
        return null;
    }

    /**
     * Whether the listener answers a plaintext ApiVersions request (version 0, which every Kafka broker serves, and
     * which needs no authentication) with a response to it.
     */
    private static boolean answersPlainKafka(String host, int port, int timeout) {
        byte[] clientId = "kafkaesk-start-check".getBytes(StandardCharsets.US_ASCII);
        int correlationId = 0x6b61666b;
        ByteBuffer request = ByteBuffer.allocate(4 + 2 + 2 + 4 + 2 + clientId.length);
        request.putInt(request.capacity() - 4).putShort(API_VERSIONS_KEY).putShort((short) 0).putInt(correlationId)
                .putShort((short) clientId.length).put(clientId);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeout);
            socket.setSoTimeout(timeout);
            socket.getOutputStream().write(request.array());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int size = in.readInt();
            return size >= 4 && size < 1 << 20 && in.readInt() == correlationId;
        } catch (IOException e) {
            return false;
        }
    }

    private static int port(String server) {
        try {
            return Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Whether the listener answers a TLS handshake with a certificate; null when that cannot be told. The
     * certificate is never trusted: the handshake stops as soon as the listener has shown one.
     */
    private static @Nullable Boolean speaksTls(String host, int port, int timeout) {
        CertificateSeen seen = new CertificateSeen();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(host, port), timeout);
            plain.setSoTimeout(timeout);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {seen}, null);
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true)) {
                tls.setSoTimeout(timeout);
                tls.startHandshake();
            }
        } catch (IOException e) {
            // A Kafka plaintext listener reads the greeting as an oversized request and hangs up; a TLS listener
            // has shown its certificate by the time the handshake fails.
            return seen.shown;
        } catch (GeneralSecurityException e) {
            return null;
        }
        return true;
    }

    /** Notes that the listener presented a certificate, and refuses it. */
    private static final class CertificateSeen implements X509TrustManager {
        private volatile boolean shown;

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            shown = true;
            throw new CertificateException("only checking whether the listener speaks TLS");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
