package io.dbferry.core.dialect;

import io.dbferry.core.model.Column;
import io.dbferry.core.session.DatabaseConnection;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A row the server refuses, and where the dialect says the refusal is, for the failure locators' tests. */
public final class RefusedWrites {

    private RefusedWrites() {
    }

    /** Inserts {@code row} into {@code table}'s columns in catalog order and locates the server's refusal. */
    public static FailureLocation locate(DatabaseConnection db, String table, Object... row) throws Exception {
        List<Column> columns = db.catalog().table(table).columns();
        String sql = "insert into " + table + " values (" + String.join(", ", java.util.Collections.nCopies(row.length, "?")) + ")";
        try (PreparedStatement insert = db.jdbc().prepareStatement(sql)) {
            for (int i = 0; i < row.length; i++) {
                insert.setObject(i + 1, row[i]);
            }
            SQLException e = catchThrowableOfType(insert::executeUpdate, SQLException.class);
            assertThat((Throwable) e).as("the server refuses %s", Arrays.toString(row)).isNotNull();
            return db.dialect().locateFailure(e, columns, row);
        }
    }
}
