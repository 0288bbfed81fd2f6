package io.darkscope.web.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.darkscope.query.Json;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A webhook receiver on loopback: it keeps what it was sent, and fails the first {@code failures} tries of each alert with 500. */
final class Receiver implements AutoCloseable {
    final List<JsonNode> received = new CopyOnWriteArrayList<>();
    final List<String> ids = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();
    private final HttpServer server;

    Receiver(int failures) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String id = exchange.getRequestHeaders().getFirst("X-Darkscope-Alert-Id");
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = 200;
            if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestHeaders().getFirst("Content-Type").startsWith("application/json")) {
                status = 400;
            } else if (tries.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet() <= failures) {
                status = 500;
            } else {
                received.add(Json.MAPPER.readTree(body));
                ids.add(id);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
