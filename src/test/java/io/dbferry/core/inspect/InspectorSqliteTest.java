package io.dbferry.core.inspect;

import io.dbferry.core.session.ConnectionRequest;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.session.Side;
import io.dbferry.testing.Datasets;

/** Chinook_Sqlite.sqlite from the shared datasets, opened read-only in place as a source. */
class InspectorSqliteTest extends InspectorContract {

    private DatabaseConnection connection;

    @Override
    protected synchronized DatabaseConnection connection() {
        if (connection == null) {
            connection = session.connect(Side.SOURCE,
                    new ConnectionRequest("sqlite:" + Datasets.chinookSqlite(), null, null));
        }
        return connection;
    }

    @Override
    protected String name(String pascalCase) {
        return pascalCase;
    }

    @Override
    protected String expectedEngine() {
        return "SQLite";
    }

    @Override
    protected String expectedCharacterSet() {
        return "UTF-8";
    }

    @Override
    protected String expectedDatabase() {
        return "Chinook_Sqlite.sqlite";
    }
}
