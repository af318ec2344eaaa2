package io.dbferry.core.dialect;

/**
 * What keeps a second dbferry writer out of a database or a file while one writes: held from before the
 * first check until the last write, released by {@link #close()} (and by the engine or the OS when the
 * holder dies, so none is left stale).
 */
public interface WriterLock extends AutoCloseable {

    @Override
    void close();
}
