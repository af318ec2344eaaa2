package io.dbferry.core.dump;

/**
 * One check over a dump file, run with the others in a single pass ({@link DumpPass}): the reader
 * checks the file's structure, each table's row count and checksum as it goes, and hands what it read
 * to every visitor. An import composes the trailer check ({@link TrailerCheck}) with the encoding check;
 * validate-encoding runs the encoding check alone.
 */
public interface DumpVisitor {

    /** The file's header, read and checked. */
    default void header(DumpHeader header) {
    }

    /**
     * A table begins; returns whether this visitor reads its rows. A table no visitor reads is skipped,
     * only its row count checked, not its checksum.
     */
    default boolean table(DumpTable table) {
        return true;
    }

    /** One row of the current table (to the visitors that read it), values as {@link DumpReader#nextRow()} gives them. */
    default void row(Object[] row, long rowNumber) {
    }

    /** The current table's rows ended and its trailer matched them (to the visitors that read it). */
    default void tableEnd(DumpTable table, TableTrailer trailer) {
    }
}
