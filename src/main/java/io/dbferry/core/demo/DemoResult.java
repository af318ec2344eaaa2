package io.dbferry.core.demo;

import io.dbferry.core.schema.MigrateResult;

import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code demo create} made.
 *
 * @param migration  the demo migrations applied to the target
 * @param rows       rows written per table, in the order written (parents first)
 * @param mediaDir   the folder the media files were written to
 * @param mediaFiles how many media files were written there
 * @param mediaBytes their total size
 */
public record DemoResult(MigrateResult migration, Map<String, Long> rows, Path mediaDir, int mediaFiles, long mediaBytes) {

    public long totalRows() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }
}
