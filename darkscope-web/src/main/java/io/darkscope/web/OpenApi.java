package io.darkscope.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.darkscope.query.Json;
import io.darkscope.query.LiveSample;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The OpenAPI 3 document of the API, made from the endpoints themselves: their paths,
 * parameters and the rows they answer with (each row's fields as Json.MAPPER writes them), so
 * that it cannot drift from what the server does.
 */
final class OpenApi {
    private OpenApi() {
    }

    static JsonNode document(List<Endpoint> endpoints) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("openapi", "3.0.3");
        doc.putObject("info").put("title", "darkscope").put("version", "0.1.0")
                .put("description", "Read-only statistics of a darknet, the same as the darkscope CLI prints with --format json. "
                        + "Dates are inclusive days (YYYY-MM-DD); an absent bound is open. A bad parameter answers 400 with {\"error\": ...}.");
        doc.putArray("security").addObject().putArray("token");
        doc.putObject("components").putObject("securitySchemes").putObject("token").put("type", "http").put("scheme", "bearer")
                .put("description", "Required when the server was started with a token.");
        ObjectNode paths = doc.putObject("paths");
        for (Endpoint e : endpoints) {
            paths.putObject(e.path()).set("get", operation(e.summary(), e.params(), "application/json", arrayOf(e.rowType())));
        }
        paths.putObject("/api/live").set("get", operation("Live samples of the running sensor as server-sent events (event 'sample', "
                + "data one sample); the samples of the last hour first.", List.of(), "text/event-stream", schema(LiveSample.class)));
        paths.putObject("/api/openapi.json").set("get", operation("This document.", List.of(), "application/json",
                Json.MAPPER.createObjectNode().put("type", "object")));
        return doc;
    }

    private static ObjectNode operation(String summary, List<Param> params, String mediaType, JsonNode schema) {
        ObjectNode op = Json.MAPPER.createObjectNode().put("summary", summary);
        ArrayNode parameters = op.putArray("parameters");
        for (Param p : params) {
            parameters.addObject().put("name", p.name()).put("in", "query").put("required", p.required()).put("description", p.description())
                    .set("schema", Json.MAPPER.valueToTree(p.schema()));
        }
        ObjectNode responses = op.putObject("responses");
        responses.putObject("200").put("description", "The answer.").putObject("content").putObject(mediaType).set("schema", schema);
        ObjectNode error = Json.MAPPER.createObjectNode().put("type", "object");
        error.putObject("properties").putObject("error").put("type", "string");
        for (String status : List.of("400", "401", "405")) {
            responses.putObject(status).put("description", status.equals("400") ? "A bad parameter, named in the message."
                    : status.equals("401") ? "No token, or a wrong one." : "Not GET.")
                    .putObject("content").putObject("application/json").set("schema", error);
        }
        return op;
    }

    private static ObjectNode arrayOf(Type element) {
        ObjectNode array = Json.MAPPER.createObjectNode().put("type", "array");
        array.set("items", schema(element));
        return array;
    }

    /** The schema of a value as Json.MAPPER writes it: records as objects with snake_case fields. */
    private static ObjectNode schema(Type type) {
        ObjectNode s = Json.MAPPER.createObjectNode();
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            return arrayOf(p.getActualTypeArguments()[0]);
        }
        Class<?> c = (Class<?>) type;
        if (c.isRecord()) {
            s.put("type", "object");
            ObjectNode properties = s.putObject("properties");
            for (RecordComponent component : c.getRecordComponents()) {
                properties.set(snake(component.getName()), schema(component.getGenericType()));
            }
        } else if (c == int.class || c == long.class || c == Integer.class || c == Long.class) {
            s.put("type", "integer");
        } else if (c == double.class || c == Double.class) {
            s.put("type", "number");
        } else if (c == LocalDate.class) {
            s.put("type", "string").put("format", "date");
        } else if (c == Instant.class) {
            s.put("type", "string").put("format", "date-time");
        } else if (c == String.class) {
            s.put("type", "string");
        } else {
            s.put("type", "object"); // free-form JSON, such as an alert's details
        }
        return s;
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
