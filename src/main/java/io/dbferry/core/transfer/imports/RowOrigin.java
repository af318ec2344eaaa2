package io.dbferry.core.transfer.imports;

import io.dbferry.core.dialect.BulkLoader;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Where one table's rows come from for a load: a dump file's table ({@link DumpRows}) or the source's
 * table read in its snapshot ({@link SourceRows}). A load reads one pass; the row-by-row second try
 * of a refused fast load, and a retry resuming after the chunks already committed, open another pass.
 */
interface RowOrigin {

    /** One pass over the rows in key order: values in the source's portable classes, null after the last. */
    interface Pass extends BulkLoader.RowSource, Closeable {
    }

    /**
     * A pass that starts after the first {@code committedRows} rows, the last of which had the key
     * {@code lastKey} (its primary key's values as {@link io.dbferry.core.dump.RowDigest#canonical} text;
     * null and 0 for the first row).
     */
    Pass open(long committedRows, List<String> lastKey) throws IOException;
}
