package io.dbferry.shell.completion;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Answers for completion that may be slow (a server's table names, a dump's tables), looked up on a
 * background thread and kept. Tab waits at most {@code wait} for an answer: a lookup still running
 * offers nothing this time and its answer is there for the next Tab. A failed lookup is forgotten, so
 * the next Tab tries again.
 */
final class BoundedLookups<K, V> {

    private static final ExecutorService LOOKUPS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "dbferry-completion");
        thread.setDaemon(true);
        return thread;
    });

    private final Duration wait;
    private final Map<K, CompletableFuture<V>> answers = new ConcurrentHashMap<>();

    BoundedLookups(Duration wait) {
        this.wait = wait;
    }

    /** The answer for {@code key}, or {@code otherwise} when it is not known within the wait. */
    V get(K key, Supplier<V> lookup, V otherwise) {
        CompletableFuture<V> answer = answers.computeIfAbsent(key, k -> CompletableFuture.supplyAsync(lookup, LOOKUPS));
        try {
            return answer.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return otherwise;
        } catch (ExecutionException e) {
            answers.remove(key, answer);
            return otherwise;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return otherwise;
        }
    }

    void clear() {
        answers.clear();
    }
}
