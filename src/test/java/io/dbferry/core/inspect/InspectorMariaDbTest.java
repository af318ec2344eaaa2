package io.dbferry.core.inspect;

import io.dbferry.core.session.ConnectionRequest;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.session.Side;
import io.dbferry.testing.Chinook;
import io.dbferry.testing.ServerInfo;

/** Chinook loaded from Chinook_MySql.sql into the test MariaDB, read through MySQL Connector/J. */
class InspectorMariaDbTest extends InspectorContract {

    static final String DATABASE = "dbferry_chinook";

    private DatabaseConnection connection;

    @Override
    protected synchronized DatabaseConnection connection() {
        if (connection == null) {
            try {
                ServerInfo server = Chinook.loadIntoMariaDb(DATABASE);
                String url = "mysql://" + server.user() + "@" + server.host() + ":" + server.port() + "/" + DATABASE
                        + "?sslMode=DISABLED";
                // the test servers' root has no password: --password-env is not needed
                connection = session.connect(Side.SOURCE, new ConnectionRequest(url, null, null));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return connection;
    }

    @Override
    protected String name(String pascalCase) {
        return pascalCase;
    }

    @Override
    protected String expectedEngine() {
        return "MariaDB";
    }

    @Override
    protected String expectedCharacterSet() {
        return "utf8mb4";
    }

    @Override
    protected String expectedDatabase() {
        return DATABASE;
    }
}
