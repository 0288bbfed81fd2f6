package io.darkscope.analysis.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Work on the ranges of sources ({@link RecordWriter#range}) on a thread a core: a range holds
 * sources no other holds, so each can be merged, written or cut into scans on its own.
 */
final class RangeWork implements AutoCloseable {
    final int threads = Runtime.getRuntime().availableProcessors();
    private final ExecutorService pool;

    RangeWork(String name) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
        executor.allowCoreThreadTimeOut(true); // work started and never taken (a commit that failed) leaves no thread behind
        pool = executor;
    }

    <T> Future<T> submit(Callable<T> task) {
        return pool.submit(task);
    }

    /** Runs {@code task} for every range and waits for them all. */
    void forEachRange(IntConsumer task) {
        List<Future<?>> ranges = new ArrayList<>();
        for (int range = 0; range < RecordWriter.RANGES; range++) {
            int submitted = range;
            ranges.add(pool.submit(() -> task.accept(submitted)));
        }
        ranges.forEach(RangeWork::join);
    }

    /** The task's result, or what it threw (an unchecked exception or an error) thrown here. */
    static <T> T join(Future<T> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading or writing scan records", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
