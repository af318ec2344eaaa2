package io.dbferry.core.rows;

import io.dbferry.core.dialect.BulkLoader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Rows produced on a second thread, so that reading them overlaps with what is done with them: an
 * import reads the dump (parsing, converting) while the target is written (formatting, the driver's
 * socket writes, an in-process SQLite insert); an export reads the table through the driver while
 * the dump is written ({@link TableScan#read}). Rows
 * travel in batches; at most {@link #QUEUED_BATCHES} batches of at most {@link #BATCH_ROWS} rows or
 * about {@link #BATCH_BYTES} wait at a time, so memory stays flat. The producer's failure is thrown
 * by {@link #next()} in order, after the rows before it. {@link #close()} stops the producer and
 * waits for it, after which the upstream source may be used again by the caller's thread.
 */
public final class PrefetchedRows implements BulkLoader.RowSource, AutoCloseable {

    private static final int BATCH_ROWS = 512;
    private static final long BATCH_BYTES = 1 << 20;
    private static final int QUEUED_BATCHES = 4;

    private record Batch(List<Object[]> rows, Throwable failure, boolean last) {
    }

    private final BulkLoader.RowSource upstream;
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private final Thread producer;
    private volatile boolean stopped;
    private Batch current;
    private int position;

    public PrefetchedRows(BulkLoader.RowSource upstream) {
        this.upstream = upstream;
        this.producer = new Thread(this::produce, "dbferry-read-ahead");
        producer.setDaemon(true);
        producer.start();
    }

    @Override
    public Object[] next() throws IOException {
        while (current == null || position == current.rows.size()) {
            if (current != null && (current.last || current.failure != null)) {
                BulkLoader.RowSource.rethrow(current.failure);
                return null;
            }
            try {
                current = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for rows", e);
            }
            position = 0;
        }
        return current.rows.get(position++);
    }

    private void produce() {
        List<Object[]> rows = new ArrayList<>(BATCH_ROWS);
        long bytes = 0;
        try {
            Object[] row;
            while (!stopped && (row = upstream.next()) != null) {
                rows.add(row);
                bytes += size(row);
                if (rows.size() >= BATCH_ROWS || bytes >= BATCH_BYTES) {
                    hand(new Batch(rows, null, false));
                    rows = new ArrayList<>(BATCH_ROWS);
                    bytes = 0;
                }
            }
            hand(new Batch(rows, null, true));
        } catch (Throwable e) {
            hand(new Batch(rows, e, true));
        }
    }

    /** Waits for room; gives up once the consumer has stopped, so the thread never outlives it. */
    private void hand(Batch batch) {
        try {
            while (!stopped && !queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                // the consumer is busy writing; wait
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long size(Object[] row) {
        long bytes = 16L * row.length;
        for (Object value : row) {
            if (value instanceof String s) {
                bytes += 2L * s.length();
            } else if (value instanceof byte[] b) {
                bytes += b.length;
            }
        }
        return bytes;
    }

    @Override
    public void close() {
        stopped = true;
        queue.clear();
        try {
            producer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
