package io.dbferry.core.inspect;

import io.dbferry.core.session.ConnectionRequest;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.session.Side;
import io.dbferry.testing.Chinook;
import io.dbferry.testing.ServerInfo;

/** Chinook loaded from Chinook_PostgreSql.sql (snake_case names) into the test PostgreSQL. */
class InspectorPostgresTest extends InspectorContract {

    static final String DATABASE = "dbferry_chinook";

    private DatabaseConnection connection;

    @Override
    protected synchronized DatabaseConnection connection() {
        if (connection == null) {
            try {
                ServerInfo server = Chinook.loadIntoPostgres(DATABASE);
                String url = "postgresql://" + server.user() + "@" + server.host() + ":" + server.port() + "/" + DATABASE;
                connection = session.connect(Side.SOURCE, new ConnectionRequest(url, null, null));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return connection;
    }

    @Override
    protected String name(String pascalCase) {
        return Chinook.snakeCase(pascalCase);
    }

    @Override
    protected String expectedEngine() {
        return "PostgreSQL";
    }

    @Override
    protected String expectedCharacterSet() {
        return "UTF8";
    }

    @Override
    protected String expectedDatabase() {
        return DATABASE;
    }
}
