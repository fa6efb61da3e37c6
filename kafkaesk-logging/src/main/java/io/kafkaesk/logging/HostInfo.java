package io.kafkaesk.logging;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where the process runs, as every log record states it: host name, service, Kubernetes namespace and cluster.
 *
 * @param hostname the host (pod) name
 * @param service the host name without its last two dash-separated parts ({@code orders-5d9c7b8f6-x2x7q} is
 *     service {@code orders}), or {@code unknown} when it has fewer than three parts (as Python kafkaesk says)
 * @param namespace the pod's service-account namespace, or null outside Kubernetes
 * @param cluster the {@code CLUSTER} environment variable, or null
 */
record HostInfo(String hostname, String service, @Nullable String namespace, @Nullable String cluster) {
    static final Path NAMESPACE_FILE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

    /** Reads the host's details; the local host name lookup happens only when {@code HOSTNAME} is not set. */
    static HostInfo detect() {
        return detect(System.getenv(), NAMESPACE_FILE);
    }

    static HostInfo detect(Map<String, String> env, Path namespaceFile) {
        String hostname = env.get("HOSTNAME");
        if (hostname == null || hostname.isBlank()) {
            hostname = localHostName();
        }
        @Nullable String namespace = null;
        if (Files.isReadable(namespaceFile)) {
            try {
                namespace = Files.readString(namespaceFile, StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                namespace = null;
            }
        }
        String cluster = env.get("CLUSTER");
        return new HostInfo(hostname, service(hostname), namespace, cluster);
    }

    /**
     * The service a pod name belongs to: a Deployment's pods are named {@code <deployment>-<hash>-<suffix>}; any
     * other host name is service {@code unknown}, as Python kafkaesk's logging extension names it.
     */
    static String service(String hostname) {
        String[] parts = hostname.split("-");
        if (parts.length < 3) {
            return "unknown";
        }
        return String.join("-", Arrays.copyOf(parts, parts.length - 2));
    }

    private static String localHostName() {
        try {
            @Nullable String name = InetAddress.getLocalHost().getHostName();
            return name == null ? "localhost" : name;
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
