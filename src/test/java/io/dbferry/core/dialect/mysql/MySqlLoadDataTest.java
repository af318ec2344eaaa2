package io.dbferry.core.dialect.mysql;

import io.dbferry.core.model.Column;
import io.dbferry.core.model.Engine;
import io.dbferry.core.session.DatabaseConnection;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import static io.dbferry.testing.TestDatabases.execute;
import static io.dbferry.testing.TestDatabases.freshMaria;
import static io.dbferry.testing.TestDatabases.target;
import static org.assertj.core.api.Assertions.assertThat;

/** MariaDB's LOAD DATA itself, without the import's fallback to the row-by-row path behind it. */
class MySqlLoadDataTest {

    @Test
    void mariaDbStoresBinaryValuesSentAsTheirOwnBytes() throws Exception {
        String url = freshMaria("dialect_load_data_binary");
        execute(url, "create table blobs (id bigint primary key, b longblob, t varchar(20) character set latin1) character set utf8mb4");
        byte[] every = new byte[256 * 3];
        for (int i = 0; i < every.length; i++) {
            every[i] = (byte) i; // every byte value, so also invalid UTF-8 and the bytes LOAD DATA escapes
        }
        byte[] random = new byte[40_000];
        new Random(7).nextBytes(random);
        List<Object[]> rows = List.of(new Object[]{1L, every, "téxt"}, new Object[]{2L, random, null},
                new Object[]{3L, new byte[0], ""}, new Object[]{4L, new byte[]{'\\', 'N'}, "\\N"}, new Object[]{5L, null, "x"});

        try (DatabaseConnection db = target(url)) {
            assertThat(db.dialect().engine()).isEqualTo(Engine.MARIADB);
            List<Column> columns = db.catalog().table("blobs").columns();
            Iterator<Object[]> it = rows.iterator();
            db.jdbc().setAutoCommit(false);
            // throws on any warning or a short count: a pass here is the fast path's own
            long stored = db.dialect().bulkLoader().load(db.jdbc(), "blobs", columns, () -> it.hasNext() ? it.next().clone() : null);
            db.jdbc().commit();
            assertThat(stored).isEqualTo(rows.size());
            try (Statement st = db.jdbc().createStatement(); ResultSet rs = st.executeQuery("select id, b, t from blobs order by id")) {
                for (Object[] row : rows) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getBytes(2)).as("row %s", row[0]).isEqualTo(row[1]);
                    assertThat(rs.getString(3)).as("row %s", row[0]).isEqualTo(row[2]);
                }
            }
        }
    }
}
