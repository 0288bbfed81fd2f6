package io.darkscope.web;

import io.darkscope.query.QueryService;

import java.util.List;

/**
 * One GET endpoint of the JSON API: its path, what it answers (a list of {@code rowType}), the
 * parameters it takes, and the query that answers from checked parameters. The routes, the
 * parameter checks and the OpenAPI document are all made from these.
 */
record Endpoint(String path, String summary, Class<?> rowType, List<Param> params, Query query) {
    /** Answers a request from the query service. */
    @FunctionalInterface
    interface Query {
        Object answer(QueryService service, Params params) throws Exception;
    }
}
