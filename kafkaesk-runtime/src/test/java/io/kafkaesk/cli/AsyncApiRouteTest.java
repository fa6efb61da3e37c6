package io.kafkaesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.kafkaesk.Application;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /asyncapi} serves the document the build put on the application's class path. */
class AsyncApiRouteTest {
    @TempDir
    Path classes;

    private HttpResponse<String> get(ClassLoader loader) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        AsyncApiRoute.install(server, loader);
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/asyncapi");
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void servesTheDocumentFromTheClassPath() throws Exception {
        String document = "{\"asyncapi\":\"3.0.0\",\"info\":{\"title\":\"shop\",\"version\":\"1\"}}";
        Path resource = classes.resolve(AsyncApiRoute.RESOURCE);
        Files.createDirectories(resource.getParent());
        Files.writeString(resource, document);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            HttpResponse<String> response = get(loader);
            assertEquals(200, response.statusCode());
            assertEquals(document, response.body());
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        }
    }

    @Test
    void theWorkersHealthServerServesTheApplicationsDocument() throws Exception {
        String document = "{\"asyncapi\":\"3.0.0\"}";
        Path resource = classes.resolve(AsyncApiRoute.RESOURCE);
        Files.createDirectories(resource.getParent());
        Files.writeString(resource, document);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null);
                Application app = Application.builder().build()) {
            thread.setContextClassLoader(loader);
            try (HealthServer health = HealthServer.start("127.0.0.1", 0, app)) {
                URI uri = URI.create("http://127.0.0.1:" + health.port() + "/asyncapi");
                HttpResponse<String> response = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode());
                assertEquals(document, response.body());
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Test
    void answers404NamingTheResourceWhenTheBuildWroteNone() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            HttpResponse<String> response = get(loader);
            assertEquals(404, response.statusCode());
            assertTrue(response.body().contains(AsyncApiRoute.RESOURCE), response.body());
        }
    }
}
