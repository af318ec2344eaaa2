package io.dbferry.core.schema;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.dialect.SchemaObjects;
import io.dbferry.core.dialect.ViewPort;
import io.dbferry.core.model.Trigger;
import io.dbferry.core.model.View;
import io.dbferry.core.session.DatabaseConnection;
import org.jooq.impl.DSL;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * copy-schema's step after the tables: the source's views, created on the target when their query runs there as
 * it is or after the known small rewrites (a view on a view: tried again until a pass creates none), and its
 * triggers, created when source and target are the same engine. Everything else is listed, and every definition
 * is written to the objects file so the operator can port what was not carried.
 */
final class ViewsAndTriggers {

    /** What was (or would be) done, in the order views then triggers. */
    record Result(List<ObjectOutcome> outcomes, Path file) {
    }

    private final DatabaseConnection source;
    private final DatabaseConnection target;
    private final SchemaObjects from;
    private final SchemaObjects to;

    ViewsAndTriggers(DatabaseConnection source, DatabaseConnection target) {
        this.source = source;
        this.target = target;
        this.from = source.dialect().schemaObjects();
        this.to = target.dialect().schemaObjects();
    }

    /**
     * {@code allTables}: views are carried only when copy-schema copies every table (a view may read any);
     * triggers of {@code tables}. {@code file}: where the definitions go (null: nowhere, for plan).
     */
    Result copy(Set<String> tables, boolean allTables, boolean dryRun, Path file) {
        List<View> views;
        List<Trigger> triggers;
        Set<String> existingViews;
        Set<String> existingTriggers;
        try {
            views = allTables ? from.views(source.jdbc()) : List.of();
            triggers = from.triggers(source.jdbc()).stream().filter(t -> tables.contains(t.table())).toList();
            existingViews = to.views(target.jdbc()).stream().map(View::name).collect(Collectors.toSet());
            existingTriggers = to.triggers(target.jdbc()).stream().map(Trigger::name).collect(Collectors.toSet());
        } catch (SQLException e) {
            throw new DbferryException(Kind.DATABASE, "copy-schema could not read the views and triggers.",
                    "Check that the login may read the catalog of both databases.", e);
        }
        Map<String, ObjectOutcome> outcomes = new LinkedHashMap<>();
        Map<String, String> created = new LinkedHashMap<>();
        List<View> pending = new ArrayList<>();
        for (View view : views) {
            ViewPort port = to.port(view, from);
            String key = "view " + view.name();
            if (existingViews.contains(view.name())) {
                outcomes.put(key, new ObjectOutcome("view", view.name(), null, ObjectOutcome.EXISTS, List.of(), null));
            } else if (!port.carried()) {
                outcomes.put(key, new ObjectOutcome("view", view.name(), null, ObjectOutcome.NOT_CARRIED, List.of(), port.notCarried()));
            } else {
                String sql = "CREATE VIEW " + quote(view.name()) + " AS " + port.definition();
                created.put(key, sql);
                outcomes.put(key, new ObjectOutcome("view", view.name(), null, ObjectOutcome.WOULD_BE_CREATED, port.rewrites(), null));
                pending.add(view);
            }
        }
        if (!dryRun) {
            createViews(pending, created, outcomes);
        }
        for (Trigger trigger : triggers) {
            String key = "trigger " + trigger.table() + "." + trigger.name();
            if (existingTriggers.contains(trigger.name())) {
                outcomes.put(key, new ObjectOutcome("trigger", trigger.name(), trigger.table(), ObjectOutcome.EXISTS, List.of(), null));
            } else if (!to.sameEngine(from)) {
                outcomes.put(key, new ObjectOutcome("trigger", trigger.name(), trigger.table(), ObjectOutcome.NOT_CARRIED, List.of(),
                        "a trigger's body is in " + source.server().engine().displayName() + "'s own language: port it by hand"));
            } else if (dryRun) {
                outcomes.put(key, new ObjectOutcome("trigger", trigger.name(), trigger.table(), ObjectOutcome.WOULD_BE_CREATED, List.of(), null));
                created.put(key, String.join(";\n", trigger.statements()));
            } else {
                created.put(key, String.join(";\n", trigger.statements()));
                String refused = tryRun(trigger.statements());
                outcomes.put(key, new ObjectOutcome("trigger", trigger.name(), trigger.table(),
                        refused == null ? ObjectOutcome.CREATED : ObjectOutcome.NOT_CARRIED, List.of(),
                        refused == null ? null : "the target refused it: " + refused));
            }
        }
        Path written = outcomes.isEmpty() || file == null ? null : write(file, views, triggers, outcomes, created);
        return new Result(List.copyOf(outcomes.values()), written);
    }

    /** Each pass creates what it can; a view whose view is not there yet waits for the next; none created ends it. */
    private void createViews(List<View> pending, Map<String, String> sql, Map<String, ObjectOutcome> outcomes) {
        Map<String, String> refused = new LinkedHashMap<>();
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            for (View view : List.copyOf(pending)) {
                String key = "view " + view.name();
                String error = tryRun(List.of(sql.get(key)));
                if (error == null) {
                    pending.remove(view);
                    ObjectOutcome o = outcomes.get(key);
                    outcomes.put(key, new ObjectOutcome("view", view.name(), null, ObjectOutcome.CREATED, o.rewrites(), null));
                    progress = true;
                } else {
                    refused.put(key, error);
                }
            }
        }
        for (View view : pending) {
            String key = "view " + view.name();
            ObjectOutcome o = outcomes.get(key);
            outcomes.put(key, new ObjectOutcome("view", view.name(), null, ObjectOutcome.NOT_CARRIED, o.rewrites(),
                    "the target refused it: " + refused.get(key)));
        }
    }

    /** Runs the statements; the server's words when it refuses one, else null. */
    private String tryRun(List<String> statements) {
        try (Statement st = target.jdbc().createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private Path write(Path file, List<View> views, List<Trigger> triggers, Map<String, ObjectOutcome> outcomes,
                       Map<String, String> created) {
        StringBuilder out = new StringBuilder("-- views and triggers of " + source.spec().display() + " for "
                + target.spec().display() + ", as copy-schema found them\n");
        for (View view : views) {
            String key = "view " + view.name();
            out.append("\n-- view ").append(view.name()).append(": ").append(outcomes.get(key).describe()).append('\n')
                    .append("-- on the source (").append(source.server().engine().displayName()).append("):\n")
                    .append("CREATE VIEW ").append(view.name()).append(" AS ").append(view.definition()).append(";\n");
            if (created.containsKey(key) && !outcomes.get(key).rewrites().isEmpty()) {
                out.append("-- as run on the target:\n").append(created.get(key)).append(";\n");
            }
        }
        for (Trigger trigger : triggers) {
            String key = "trigger " + trigger.table() + "." + trigger.name();
            out.append("\n-- trigger ").append(trigger.name()).append(" (").append(trigger.timing()).append(' ')
                    .append(trigger.event()).append(" on ").append(trigger.table()).append("): ")
                    .append(outcomes.get(key).describe()).append('\n');
            trigger.statements().forEach(s -> out.append(s.strip()).append(";\n"));
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, out.toString());
            return file;
        } catch (IOException e) {
            throw new DbferryException(Kind.FILE, "Cannot write the views and triggers to " + file + ": " + e.getMessage(),
                    "Give a writable place with --objects-file FILE.", e);
        }
    }

    private String quote(String name) {
        return target.dialect().dsl(target.jdbc()).render(DSL.name(name));
    }
}
