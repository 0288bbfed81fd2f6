package io.darkscope.web;

import io.darkscope.geo.GeoData;
import io.darkscope.query.QueryService;
import io.darkscope.store.Store;
import io.darkscope.store.StoreException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Query services for the request threads, each on a connection of its own to the open store
 * (a query service and its connection serve one thread at a time). A request borrows one and
 * gives it back; more requests at once than services wait their turn.
 */
final class QueryPool implements AutoCloseable {
    private final List<Store> connections = new ArrayList<>();
    private final BlockingQueue<QueryService> idle;

    QueryPool(Store store, GeoData geo, int size) throws StoreException {
        idle = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            Store connection = store.duplicate();
            connections.add(connection);
            idle.add(new QueryService(connection, geo));
        }
    }

    /** Answers with a service borrowed for the call. */
    Object answer(Endpoint.Query query, Params params) throws Exception {
        QueryService service = idle.take();
        try {
            return query.answer(service, params);
        } finally {
            idle.add(service);
        }
    }

    @Override
    public void close() {
        connections.forEach(Store::close);
    }
}
