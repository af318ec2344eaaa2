package io.dbferry.core.transfer.imports;

import io.dbferry.core.model.Column;
import io.dbferry.core.model.Table;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.ImportJournal.KeyRange;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a source table with one integer key into ranges of {@code rowsPerRange} rows each (the last one fewer),
 * read in the copy's snapshot: each boundary is the key {@code rowsPerRange} rows past the one before, found by
 * one query that walks the key's index from there, so the cut reads the key index once and the ranges hold
 * exactly as many rows as asked, however sparse the keys are.
 */
final class KeyRanges {

    private KeyRanges() {
    }

    /** The ranges of {@code table}'s rows that {@code where} chooses (null: all), covering every key between them. */
    static List<KeyRange> cut(DatabaseConnection source, Table table, Column key, Condition where, long rowsPerRange) {
        DSLContext dsl = source.dialect().dsl(source.jdbc());
        Field<Long> k = field(key);
        Condition chosen = where == null ? DSL.noCondition() : where;
        List<KeyRange> ranges = new ArrayList<>();
        Long from = null;
        while (true) {
            Long next = dsl.select(k).from(DSL.table(DSL.name(table.name())))
                    .where(from == null ? chosen : chosen.and(k.ge(from)))
                    .orderBy(k).limit(1).offset(rowsPerRange).fetchOne(0, Long.class);
            if (next == null) {
                ranges.add(new KeyRange(from, null, null, null));
                return ranges;
            }
            ranges.add(new KeyRange(from, next, null, null));
            from = next;
        }
    }

    /**
     * The rows of one range: {@code from <= key < to}; the first range also takes a NULL key (SQLite lets a key
     * column of a table without rowid hold one), and the last any key a looser engine sorts after every integer.
     */
    static Condition condition(Column key, KeyRange range) {
        Field<Long> k = field(key);
        Condition below = range.to() == null ? DSL.noCondition() : k.lt(range.to());
        if (range.from() == null) {
            return range.to() == null ? DSL.noCondition() : below.or(k.isNull());
        }
        return k.ge(range.from()).and(below);
    }

    private static Field<Long> field(Column key) {
        return DSL.field(DSL.name(key.name()), Long.class);
    }
}
