package io.kafkaesk.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kafkaesk.Application;
import io.kafkaesk.ApplicationHealth;
import io.kafkaesk.ApplicationHealth.Part;
import io.kafkaesk.ApplicationHealth.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * Serves a worker's health over HTTP: what {@link Application#health()} reports, as a first line {@code ok},
 * {@code starting} or {@code unhealthy: DOWN} and then one line per part (the producer, each subscription) with
 * its status and reason. {@code GET /health} and {@code GET /health/ready} answer 200 while it is {@code UP} and
 * 503 otherwise (a readiness probe); {@code GET /health/live} answers 200 unless it is {@code DOWN}, so that a
 * liveness probe does not restart a worker that is still starting. It uses the JDK's own HTTP server, and also serves
 * {@code GET /asyncapi} ({@link AsyncApiRoute}).
 */
final class HealthServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    private HealthServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts serving on {@code port} (0 picks a free one) of {@code host}, or of every interface when null. */
    static HealthServer start(@Nullable String host, int port, Application app) {
        try {
            InetSocketAddress address = host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
            if (address.isUnresolved()) {
                throw new UsageException("Cannot serve /health on " + host + ": the host name does not resolve");
            }
            HttpServer server = HttpServer.create(address, 16);
            server.createContext("/health", exchange -> respond(exchange, app));
            AsyncApiRoute.install(server, Thread.currentThread().getContextClassLoader());
            ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "kafkaesk-health");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            server.start();
            return new HealthServer(server, executor);
        } catch (IOException e) {
            throw new UsageException("Cannot serve /health on " + (host == null ? "" : host + " ") + "port " + port
                    + ": " + e.getMessage() + " (is the port in use? choose another with --health-port)", e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Answers with the application's health: the liveness probe 200 while starting too, the others only when up. */
    private static void respond(HttpExchange exchange, Application app) throws IOException {
        int status;
        String body;
        String path = exchange.getRequestURI().getPath();
        boolean live = path.equals("/health/live");
        if (!live && !path.equals("/health") && !path.equals("/health/ready")) {
            status = 404;
            body = "not found: the health paths are /health, /health/ready and /health/live\n";
        } else if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
            status = 405;
            body = "use GET\n";
        } else {
            ApplicationHealth health = app.health();
            boolean ok = live ? health.status() != Status.DOWN : health.isUp();
            status = ok ? 200 : 503;
            StringBuilder text = new StringBuilder(switch (health.status()) {
                case UP -> "ok";
                case STARTING -> "starting";
                case DOWN -> "unhealthy: DOWN";
            });
            for (Part part : health.parts()) {
                text.append('\n').append(part.name()).append(' ').append(part.status()).append(": ")
                        .append(part.reason());
            }
            body = text.append('\n').toString();
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
