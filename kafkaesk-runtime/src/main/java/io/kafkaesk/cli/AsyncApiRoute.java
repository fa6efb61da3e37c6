package io.kafkaesk.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Serves {@code GET /asyncapi}: the AsyncAPI 3.0 document that the kafkaesk build put on the class path
 * ({@code META-INF/kafkaesk/asyncapi.json}), so that a running worker describes its own streams and messages.
 */
final class AsyncApiRoute {
    /** The class-path resource written by kafkaesk-codegen. */
    static final String RESOURCE = "META-INF/kafkaesk/asyncapi.json";

    private AsyncApiRoute() {}

    /**
     * Adds the route to {@code server}, reading the document through {@code loader} (the application's), or
     * through kafkaesk's own class loader when null.
     */
    static void install(HttpServer server, @Nullable ClassLoader loader) {
        ClassLoader classes = loader == null ? AsyncApiRoute.class.getClassLoader() : loader;
        server.createContext("/asyncapi", exchange -> respond(exchange, classes));
    }

    private static void respond(HttpExchange exchange, ClassLoader loader) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            byte[] body;
            int status;
            String type = "text/plain; charset=utf-8";
            if (!method.equals("GET") && !method.equals("HEAD")) {
                status = 405;
                body = "use GET\n".getBytes(StandardCharsets.UTF_8);
            } else {
                try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
                    if (in == null) {
                        status = 404;
                        body = ("no " + RESOURCE + " on the class path: build the application with "
                                + "kafkaesk-maven-plugin (asyncApi=true, the default)\n").getBytes(StandardCharsets.UTF_8);
                    } else {
                        status = 200;
                        body = in.readAllBytes();
                        type = "application/json";
                    }
                }
            }
            exchange.getResponseHeaders().set("Content-Type", type);
            boolean head = method.equals("HEAD");
            exchange.sendResponseHeaders(status, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }
}
