package io.dbferry.shell.render.output;

import io.dbferry.core.demo.DemoResult;

import java.util.List;

/** The JSON of demo create. */
public final class DemoOutput {

    private DemoOutput() {
    }

    /** What was made: the target, its migrations, rows per table (parents first) and the media files. */
    public record Demo(String target, SchemaOutput.Migrate migration, List<InspectionOutput.TableRows> tables, long totalRows, String mediaDir,
                       int mediaFiles, long mediaBytes) {
        public static Demo of(String target, DemoResult r) {
            return new Demo(target, SchemaOutput.Migrate.of(r.migration()),
                    r.rows().entrySet().stream().map(e -> new InspectionOutput.TableRows(e.getKey(), e.getValue())).toList(), r.totalRows(),
                    r.mediaDir().toString(), r.mediaFiles(), r.mediaBytes());
        }
    }
}
