package io.dbferry.core.transfer.imports;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;
import io.dbferry.core.catalog.Catalog;
import io.dbferry.core.model.ForeignKey;
import io.dbferry.core.session.DatabaseConnection;
import org.jooq.impl.DSL;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code --clear}, shared by every writer that empties tables before loading them (import-records, restore,
 * copy-records): first, before anything is written, a clear that would orphan rows of a table not being
 * loaded is refused by name ({@link #refuseOrphaning}); then each table is emptied inside its own load's
 * transaction ({@link #empty}), so a failed load leaves the old rows.
 */
public final class TableClear {

    private final DatabaseConnection db;
    /** Per table to clear: whether another table's foreign key points at it (PostgreSQL cannot TRUNCATE it then). */
    private final Map<String, Boolean> referenced;

    private TableClear(DatabaseConnection db, Map<String, Boolean> referenced) {
        this.db = db;
        this.referenced = referenced;
    }

    /**
     * Reads the keys that point at each table of {@code clearing}, and refuses, naming every one, a table that
     * is not in {@code loaded} (the tables this run writes or has written) and holds rows through such a key:
     * emptying the parent would orphan them (or, where the key cascades, delete them).
     */
    public static TableClear refuseOrphaning(DatabaseConnection db, Catalog catalog, Collection<String> clearing, Set<String> loaded) {
        Map<String, Boolean> referenced = new TreeMap<>();
        List<String> orphaned = new ArrayList<>();
        var dsl = db.dialect().dsl(db.jdbc());
        for (String parent : clearing) {
            List<ForeignKey> keys = catalog.referencingKeys(parent).stream().filter(fk -> !fk.isSelfReference()).toList();
            referenced.put(parent, !keys.isEmpty());
            for (ForeignKey fk : keys) {
                if (loaded.contains(fk.table())) {
                    continue;
                }
                var holdsKey = DSL.and(fk.columns().stream().map(c -> DSL.field(DSL.name(c)).isNotNull()).toList());
                if (dsl.fetchExists(DSL.selectOne().from(DSL.table(DSL.name(fk.table()))).where(holdsKey))) {
                    orphaned.add(fk.table() + "(" + String.join(", ", fk.columns()) + ") references " + parent);
                }
            }
        }
        if (!orphaned.isEmpty()) {
            String first = orphaned.get(0);
            throw new DbferryException(Kind.CONSTRAINT, orphaned.size() == 1 ? Where.table(first.substring(first.lastIndexOf(' ') + 1))
                    : Where.NOWHERE, "--clear would leave rows of tables that are not being loaded pointing at nothing (or delete them,"
                    + " where the key cascades): " + String.join("; ", orphaned) + ". Nothing was written.",
                    "Load those tables too (add them to --tables, or leave --tables out), or empty their referencing rows yourself"
                    + " first.", null);
        }
        return new TableClear(db, referenced);
    }

    /**
     * Empties {@code table} in the transaction the caller has open (auto-commit off), the fastest way the engine
     * keeps transactional: TRUNCATE on PostgreSQL where no other table references it, DELETE otherwise.
     */
    public void empty(DatabaseConnection on, String table) throws SQLException {
        on.dialect().emptyInTransaction(on.jdbc(), table, referenced.getOrDefault(table, true));
    }

    /**
     * The old way, for a load with the engine's foreign-key checks on (PostgreSQL without superuser): each
     * table emptied in a transaction of its own before any is loaded, children before parents, as a parent
     * cannot be emptied in its own load while its children still hold rows.
     */
    public void emptyAllFirst(List<String> childrenFirst) throws SQLException {
        for (String table : childrenFirst) {
            db.jdbc().setAutoCommit(false);
            try {
                empty(db, table);
                db.jdbc().commit();
            } catch (SQLException | RuntimeException e) {
                Transactions.rollbackQuietly(db.jdbc());
                throw e;
            } finally {
                Transactions.autoCommitQuietly(db.jdbc());
            }
        }
    }
}
