package io.dbferry.core.dialect.mysql;

import static io.dbferry.testing.TestDatabases.execute;
import static io.dbferry.testing.TestDatabases.freshMaria;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbferry.core.model.ForeignKey;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.testing.TestDatabases;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The keys pointing at a table, read from information_schema in one query, are the ones Connector/J's metadata reads. */
class MySqlReferencingKeysTest {

    @Test
    void theOneQueryReadsWhatTheDriverReads() throws Exception {
        String url = freshMaria("dialect_referencing_keys");
        execute(url, "create table parent (id int primary key, code int, unique key (id, code))",
                "create table child (id int primary key, parent_id int, x int, y int,"
                        + " foreign key (parent_id) references parent (id),"
                        + " constraint child_pair foreign key (x, y) references parent (id, code) on delete cascade on update set null)",
                "create table node (id int primary key, up int, foreign key (up) references node (id) on delete no action)",
                "create table loner (id int primary key)",
                // names that differ only in case are two tables here (lower_case_table_names=0): only pa is referenced
                "create table Pa (id int primary key)", "create table pa (id int primary key)",
                "create table pa_child (id int primary key, pa_id int, foreign key (pa_id) references pa (id))");
        try (DatabaseConnection db = TestDatabases.target(url)) {
            for (String table : List.of("parent", "node", "loner", "Pa", "pa")) {
                List<String> driver = new ArrayList<>();
                DatabaseMetaData md = db.jdbc().getMetaData();
                try (ResultSet rs = md.getExportedKeys(db.jdbc().getCatalog(), null, table)) {
                    while (rs.next()) {
                        driver.add(rs.getString("FK_NAME") + " " + rs.getString("FKTABLE_NAME") + "." + rs.getString("FKCOLUMN_NAME")
                                + " -> " + rs.getString("PKTABLE_NAME") + "." + rs.getString("PKCOLUMN_NAME") + " update "
                                + rs.getInt("UPDATE_RULE") + " delete " + rs.getInt("DELETE_RULE"));
                    }
                }
                List<String> told = new ArrayList<>();
                for (ForeignKey fk : db.catalog().referencingKeys(table)) {
                    for (int i = 0; i < fk.columns().size(); i++) {
                        told.add(fk.name() + " " + fk.table() + "." + fk.columns().get(i) + " -> " + fk.referencedTable() + "."
                                + fk.referencedColumns().get(i) + " update " + rule(fk.onUpdate()) + " delete " + rule(fk.onDelete()));
                    }
                }
                assertThat(told).as(table).containsExactlyInAnyOrderElementsOf(driver);
                assertThat(told.isEmpty()).as(table).isEqualTo(table.equals("loner") || table.equals("Pa"));
            }
            assertThat(db.catalog().referencingKeys("parent")).extracting(ForeignKey::name, ForeignKey::onDelete, ForeignKey::onUpdate)
                    .contains(org.assertj.core.groups.Tuple.tuple("child_pair", ForeignKey.Action.CASCADE, ForeignKey.Action.SET_NULL));
        }
    }

    /** The number DatabaseMetaData gives each rule. */
    private static int rule(ForeignKey.Action action) {
        return switch (action) {
            case CASCADE -> DatabaseMetaData.importedKeyCascade;
            case RESTRICT -> DatabaseMetaData.importedKeyRestrict;
            case SET_NULL -> DatabaseMetaData.importedKeySetNull;
            case SET_DEFAULT -> DatabaseMetaData.importedKeySetDefault;
            case NO_ACTION -> DatabaseMetaData.importedKeyNoAction;
        };
    }
}
