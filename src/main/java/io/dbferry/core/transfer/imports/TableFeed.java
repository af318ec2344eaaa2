package io.dbferry.core.transfer.imports;

/**
 * The tables a group's load is offered, a pass at a time, each with where its rows come from: a dump
 * read from its start ({@link DumpFeed}, file order), or the source's tables parents first (a copy).
 * {@link FileOrderLoad} takes what is ready and asks for another pass until nothing is left.
 */
interface TableFeed extends AutoCloseable {

    @FunctionalInterface
    interface Offer {
        /** {@code name}: the table's name on the records' side (the dump's, the source's). */
        void offer(String name, RowOrigin rows);
    }

    /** One pass over every table, in the feed's order. */
    void pass(Offer offer);

    @Override
    default void close() {
    }
}
