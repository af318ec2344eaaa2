package io.dbferry.core.transfer.imports;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;
import io.dbferry.core.dialect.SchemaObjects;
import io.dbferry.core.model.Trigger;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.ImportJournal;
import io.dbferry.core.transfer.ImportJournal.HeldTriggers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The target's insert triggers on one table held off while that table loads, and in place again afterwards
 * ({@code --disable-triggers}), so values land exactly as in the file. Where the engine's DDL is transactional
 * (PostgreSQL, SQLite) holding off and putting back run inside the table's transaction, so a rollback restores
 * them too; elsewhere (MySQL, MariaDB: each DDL commits by itself) the statements that create them again are saved
 * in the import journal before the first is dropped, and {@link #putBackMissing} restores them after a crash.
 * Use: {@link #holdOff} once the table's (or chunk's) transaction has begun, {@link #beforeCommit} just before its
 * commit, {@link #afterEnd} once it has committed or rolled back.
 */
public final class TriggerHold {

    private static final Logger log = LoggerFactory.getLogger(TriggerHold.class);

    private final DatabaseConnection db;
    private final String table;
    private final ImportJournal journal;
    private final SchemaObjects objects;
    private final String command;
    private final List<String> names = new ArrayList<>();
    private final List<String> putBack = new ArrayList<>();
    private boolean back = true;

    private TriggerHold(DatabaseConnection db, String table, ImportJournal journal, String command) {
        this.db = db;
        this.table = table;
        this.journal = journal;
        this.command = command;
        this.objects = db == null ? null : db.dialect().schemaObjects();
    }

    /** Holds nothing: the load runs with the triggers as they are. */
    public static TriggerHold none() {
        return new TriggerHold(null, null, null, null);
    }

    /**
     * For {@code table} on {@code db}; {@code journal} keeps what a crash must not lose; {@code command} (import-records,
     * copy-records) is the one whose --retry-failed puts them back.
     */
    public static TriggerHold on(DatabaseConnection db, String table, ImportJournal journal, String command) {
        return new TriggerHold(db, table, journal, command);
    }

    /** The names of the triggers held off (empty before {@link #holdOff}, or when there were none). */
    public List<String> names() {
        return List.copyOf(names);
    }

    /**
     * Holds off every trigger that would fire on an insert into the table in this session; again for each chunk's
     * transaction ({@code --commit-every}), once the previous one has ended.
     */
    public void holdOff() throws SQLException {
        if (db == null) {
            return;
        }
        putBack.clear();
        names.clear();
        Connection jdbc = db.jdbc();
        Set<String> firing = Set.copyOf(db.dialect().insertTriggers(jdbc, table));
        List<Trigger> triggers = objects.triggers(jdbc).stream()
                .filter(t -> t.table().equals(table) && firing.contains(t.name())).toList();
        if (triggers.isEmpty()) {
            return;
        }
        if (!objects.holdsInTransaction()) {
            // saved before the first drop: a crash from here on leaves the journal knowing what to put back
            journal.triggersHeld(new HeldTriggers(table, triggers.stream().map(Trigger::name).toList(),
                    triggers.stream().flatMap(t -> t.statements().stream()).toList()));
        }
        back = false;
        for (Trigger trigger : triggers) {
            putBack.addAll(objects.holdOff(jdbc, trigger));
            names.add(trigger.name());
        }
    }

    /** Inside the transaction, where a rollback would undo it too: the triggers back before the commit. */
    public void beforeCommit() throws SQLException {
        if (db != null && objects.holdsInTransaction() && !back) {
            execute(db.jdbc(), putBack);
            back = true;
        }
    }

    /**
     * After the commit or the rollback: the triggers dropped outside the transaction created again. A failure leaves
     * them in the journal and stops the import, since a table without its triggers must not go unnoticed.
     */
    public void afterEnd() {
        if (db == null || back) {
            return;
        }
        if (objects.holdsInTransaction()) {
            back = true; // the rollback put them back
            return;
        }
        try {
            execute(db.jdbc(), putBack);
            back = true;
            journal.triggersBack(table);
        } catch (SQLException e) {
            throw new DbferryException(Kind.DATABASE, Where.table(table), "The triggers " + names + " of table " + table
                    + " were dropped for the load and could not be created again.", "Run " + command + " with --retry-failed"
                    + (command.equals("import-records") ? " (or import-status)" : "")
                    + " once the target answers: the journal holds their definitions and puts them back.", e);
        }
    }

    /** {@link #afterEnd} while another failure is already on its way: this one is logged, the journal keeps the rest. */
    public void afterEndQuietly() {
        try {
            afterEnd();
        } catch (DbferryException e) {
            log.warn("triggers of {} not put back: {}", table, DbferryException.rootMessage(e));
        }
    }

    /**
     * Creates again every trigger the journal says was dropped for a load and is not on the target (a crash between
     * the drop and the creation); returns "table.trigger" for each one put back.
     */
    public static List<String> putBackMissing(DatabaseConnection db, ImportJournal journal) {
        List<String> restored = new ArrayList<>();
        for (HeldTriggers held : journal.heldTriggers()) {
            try {
                Set<String> present = db.dialect().schemaObjects().triggers(db.jdbc()).stream()
                        .filter(t -> t.table().equals(held.table())).map(Trigger::name).collect(Collectors.toSet());
                if (!present.containsAll(held.names())) {
                    List<String> statements = new ArrayList<>();
                    // the statements come per trigger in name order; those present are left as they are
                    for (int i = 0; i < held.names().size(); i++) {
                        if (!present.contains(held.names().get(i))) {
                            statements.add(statementOf(held, i));
                            restored.add(held.table() + "." + held.names().get(i));
                        }
                    }
                    execute(db.jdbc(), statements);
                }
                journal.triggersBack(held.table());
            } catch (SQLException e) {
                throw new DbferryException(Kind.DATABASE, Where.table(held.table()), "The triggers " + held.names() + " of table "
                        + held.table() + ", dropped by an import that did not finish, could not be created again.",
                        "The journal " + journal.file() + " holds their definitions; create them by hand from there if this "
                        + "keeps failing.", e);
            }
        }
        return restored;
    }

    /** The engines whose DDL commits by itself have no trigger functions: one statement per trigger. */
    private static String statementOf(HeldTriggers held, int i) {
        return held.statements().get(i);
    }

    private static void execute(Connection jdbc, List<String> statements) throws SQLException {
        try (Statement st = jdbc.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }
}
