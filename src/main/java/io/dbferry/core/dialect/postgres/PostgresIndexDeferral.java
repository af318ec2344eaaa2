package io.dbferry.core.dialect.postgres;

import io.dbferry.core.dialect.IndexDeferral;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's DDL is transactional: a table's plain secondary indexes (not unique, backing no constraint, valid;
 * not a partition's part of a parent's index, the replica identity, the CLUSTER index, in another tablespace or
 * commented, which a drop and {@code pg_get_indexdef} would not bring back whole)
 * are dropped at the start of its load and created again from {@code pg_get_indexdef} before the commit, so a
 * rollback brings them back as they were. Measured with psql on the bench's tables at scale 100 (a loaded machine,
 * so a range): stock_stockitem (110k rows, two plain indexes) 1.80-2.14 s with them in place against 1.42-1.92 s
 * COPY and build; stock_stockitemtracking (162k rows, one index on an ascending column) no gain. pgloader does it too.
 */
final class PostgresIndexDeferral implements IndexDeferral {

    private static final String PLAIN_INDEXES = "select quote_ident(n.nspname) || '.' || quote_ident(ic.relname), "
            + "pg_get_indexdef(i.indexrelid) from pg_index i join pg_class ic on ic.oid = i.indexrelid "
            + "join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace "
            + "where c.relname = ? and n.nspname = current_schema() and not i.indisunique and not i.indisprimary "
            + "and i.indisvalid and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid) "
            // what pg_get_indexdef does not say, or a drop would lose: left in place
            + "and ic.relkind = 'i' and not i.indisreplident and not i.indisclustered and ic.reltablespace = 0 "
            + "and obj_description(i.indexrelid, 'pg_class') is null "
            + "and not exists (select 1 from pg_inherits h where h.inhrelid = i.indexrelid) "
            + "order by ic.relname";

    @Override
    public SetAside setAside(Connection connection, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        List<String> definitions = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(PLAIN_INDEXES)) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                    definitions.add(rs.getString(2));
                }
            }
        }
        try (Statement st = connection.createStatement()) {
            for (String name : names) {
                st.execute("DROP INDEX " + name);
            }
        }
        return new SetAside() {
            @Override
            public List<String> names() {
                return List.copyOf(names);
            }

            @Override
            public void rebuild() throws SQLException {
                try (Statement st = connection.createStatement()) {
                    for (String definition : definitions) {
                        st.execute(definition);
                    }
                }
            }
        };
    }
}
