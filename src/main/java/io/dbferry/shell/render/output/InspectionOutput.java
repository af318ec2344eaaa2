package io.dbferry.shell.render.output;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dbferry.core.dialect.Excerpt;
import io.dbferry.core.inspect.Inspector;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON of tables, count, describe and peek. */
public final class InspectionOutput {

    /** Longest value {@code peek} shows in JSON; longer ones are shortened as in the text form. */
    private static final int PEEK_VALUE_CHARACTERS = 1000;

    private InspectionOutput() {
    }

    /** {@code rows} is null (left out) for {@code tables} without {@code --counts}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TableRows(String name, Long rows) {
    }

    /** {@code tables} and {@code count}: the tables of one side, with their rows and the total when counted. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Tables(String side, List<TableRows> tables, Long totalRows) {
        public static Tables names(String side, List<String> names) {
            return new Tables(side, names.stream().map(n -> new TableRows(n, null)).toList(), null);
        }

        public static Tables counted(String side, List<Inspector.TableCount> counts) {
            return new Tables(side, counts.stream().map(c -> new TableRows(c.table(), c.rows())).toList(),
                    counts.stream().mapToLong(Inspector.TableCount::rows).sum());
        }
    }

    /** {@code type}: as declared (with its length); {@code portable}: the type its values travel as in a dump. */
    public record ColumnView(String name, String type, String portable, boolean nullable, String defaultValue,
                             boolean primaryKey, boolean autoIncrement, String characterSet) {
    }

    public record IndexView(String name, List<String> columns, boolean unique) {
    }

    public record ForeignKeyView(String name, String table, List<String> columns, String referencedTable,
                                 List<String> referencedColumns) {
        static ForeignKeyView of(io.dbferry.core.model.ForeignKey fk) {
            return new ForeignKeyView(fk.name(), fk.table(), fk.columns(), fk.referencedTable(), fk.referencedColumns());
        }
    }

    /** {@code describe}: a table's columns, keys and indexes, and the foreign keys of other tables that point at it. */
    public record Description(String side, String table, List<ColumnView> columns, List<String> primaryKey,
                              List<IndexView> indexes, List<ForeignKeyView> foreignKeys, List<ForeignKeyView> referencedBy) {
        public static Description of(String side, Inspector.Description d) {
            Table t = d.table();
            List<ColumnView> columns = t.columns().stream().map(c -> new ColumnView(c.name(), c.declaredType(),
                    c.portableType().name().toLowerCase(), c.nullable(), c.defaultValue(), t.primaryKey().contains(c.name()),
                    c.autoIncrement(), c.characterSet())).toList();
            return new Description(side, t.name(), columns, t.primaryKey(),
                    t.indexes().stream().map(i -> new IndexView(i.name(), i.columns(), i.unique())).toList(),
                    t.foreignKeys().stream().map(ForeignKeyView::of).toList(),
                    d.referencedBy().stream().map(ForeignKeyView::of).toList());
        }
    }

    /** {@code peek}: the first rows, each as column name to value; values are text, null stays null. */
    public record Sample(String side, String table, List<String> columns, List<Map<String, String>> rows) {
        public static Sample of(String side, Inspector.Sample sample) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (Object[] row : sample.rows()) {
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < row.length; i++) {
                    values.put(sample.columns().get(i).name(), row[i] == null ? null : Excerpt.of(row[i], PEEK_VALUE_CHARACTERS));
                }
                rows.add(values);
            }
            return new Sample(side, sample.table(), sample.columns().stream().map(Column::name).toList(), rows);
        }
    }
}
