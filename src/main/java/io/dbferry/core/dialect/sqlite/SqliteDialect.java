package io.dbferry.core.dialect.sqlite;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.dialect.FailureLocation;
import io.dbferry.core.dialect.RowReader;
import io.dbferry.core.dialect.TextValues;
import io.dbferry.core.dialect.UrlForm;
import io.dbferry.core.dialect.ValueConversionException;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.ConnectionSpec;
import io.dbferry.core.model.Engine;
import io.dbferry.core.model.Index;
import io.dbferry.core.model.PortableType;
import io.dbferry.core.model.ServerDescription;
import io.dbferry.core.model.Table;
import org.jooq.SQLDialect;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * SQLite: a file, dynamically typed. Types come from the declared type name by SQLite's own affinity
 * rules; dates are text; a source file is opened read-only and must already exist.
 */
public final class SqliteDialect extends Dialect {

    @Override
    public boolean concurrentWriters() {
        return false;
    }

    @Override
    public Engine engine() {
        return Engine.SQLITE;
    }

    @Override
    public SQLDialect jooqDialect() {
        return SQLDialect.SQLITE;
    }

    /** sqlite-jdbc reads {@code ?name=value} after the path as pragmas; its {@code password} is an encryption key. */
    @Override
    public UrlForm urlForm() {
        return UrlForm.file("jdbc:sqlite:", "sqlite").withPasswordProperties("password");
    }

    /** The file and what SQLite keeps beside it: the write-ahead log, its shared-memory index, a rollback journal. */
    @Override
    public List<Path> databaseFiles(ConnectionSpec spec) {
        String file = spec.file().toString();
        return List.of(spec.file(), Path.of(file + "-wal"), Path.of(file + "-shm"), Path.of(file + "-journal"));
    }

    /** The indexes SQLite makes for PRIMARY KEY and UNIQUE constraints. */
    @Override
    public boolean isImplicitIndex(Index index) {
        return index.name().toLowerCase(Locale.ROOT).startsWith("sqlite_autoindex");
    }

    /** An INTEGER PRIMARY KEY is the rowid, which SQLite fills itself. */
    @Override
    public boolean generatesKey(Column keyColumn) {
        return keyColumn.autoIncrement() || "INTEGER".equalsIgnoreCase(keyColumn.typeName());
    }

    @Override
    public Connection open(ConnectionSpec spec, String password, boolean readOnly) throws SQLException {
        if (readOnly && !Files.isRegularFile(spec.file())) {
            throw new SQLException("missing", "DBFERRY_NO_FILE");
        }
        if (!readOnly && spec.file().getParent() != null) {
            try {
                java.nio.file.Files.createDirectories(spec.file().getParent());
            } catch (java.io.IOException e) {
                throw new SQLException("cannot create " + spec.file().getParent() + ": " + e.getMessage(), "CANTOPEN", e);
            }
        }
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        String url = spec.jdbcUrl();
        if (readOnly) {
            config.setReadOnly(true);
            config.setOpenMode(SQLiteOpenMode.READONLY);
            if (SqliteSourceFiles.walWithoutCompanions(spec.file())) {
                config.setOpenMode(SQLiteOpenMode.OPEN_URI);
                url = SqliteSourceFiles.immutableUrl(spec.file());
            }
        } else {
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        }
        Connection connection = DriverManager.getConnection(url, config.toProperties());
        try (Statement st = connection.createStatement()) {
            // the first read of the schema is where SQLite notices a file that is not a database
            st.executeQuery("select count(*) from sqlite_master").close();
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** A file has no server to wait for; sqlite-jdbc has no network timeout. */
    @Override
    public void setServerTimeout(Connection connection, java.time.Duration timeout) {
    }

    @Override
    public boolean isAuthenticationFailure(SQLException e) {
        return false;
    }

    @Override
    public DbferryException explainConnectFailure(SQLException e, ConnectionSpec spec) {
        if ("DBFERRY_NO_FILE".equals(e.getSQLState())) {
            // no cause: that marker is dbferry's own, not something SQLite said
            return new DbferryException(Kind.CONNECTION, "The SQLite file " + spec.file() + " does not exist; a source is never created.",
                    "Check the path (relative paths start at " + System.getProperty("user.dir") + ").", null);
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("NOTADB") || message.contains("not a database") || message.contains("file is encrypted")) {
            return new DbferryException(Kind.CONNECTION, "The file " + spec.file() + " is not a SQLite database.",
                    "Check that the path names the database file itself.", e);
        }
        if (message.contains("CANTOPEN")) {
            return new DbferryException(Kind.CONNECTION, "Cannot open the SQLite file " + spec.file() + ".",
                    "Check that its folder exists and that you may write there.", e);
        }
        return new DbferryException(Kind.CONNECTION, "Cannot open the SQLite file " + spec.file() + ": " + message + ".", null, e);
    }

    @Override
    public ServerDescription describe(Connection connection, ConnectionSpec spec) throws SQLException {
        return new ServerDescription(Engine.SQLITE, connection.getMetaData().getDatabaseProductVersion(),
                spec.file().getFileName().toString(), "UTF-8");
    }

    @Override
    public boolean isApplicationTable(String name) {
        return !name.startsWith("sqlite_");
    }

    @Override
    public PortableType portableType(int jdbcType, String typeName, int size, int scale) {
        String t = typeName == null ? "" : typeName.toUpperCase(Locale.ROOT);
        if (t.contains("JSON")) {
            return PortableType.JSON;
        }
        if (t.contains("UUID")) {
            return PortableType.UUID;
        }
        if (t.contains("BOOL")) {
            return PortableType.BOOLEAN;
        }
        if (t.contains("DATETIME") || t.contains("TIMESTAMP")) {
            return t.contains("TZ") || t.contains("ZONE") ? PortableType.TIMESTAMP_TZ : PortableType.TIMESTAMP;
        }
        if (t.contains("DATE")) {
            return PortableType.DATE;
        }
        if (t.startsWith("TIME")) {
            return PortableType.TIME;
        }
        // SQLite's affinity rules, in their order
        if (t.contains("INT")) {
            return PortableType.INTEGER;
        }
        if (t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT") || t.isEmpty()) {
            return PortableType.TEXT;
        }
        if (t.contains("BLOB")) {
            return PortableType.BINARY;
        }
        if (t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB")) {
            return PortableType.DOUBLE;
        }
        return PortableType.DECIMAL;
    }

    @Override
    public Object read(ResultSet rs, int index, Column column) throws SQLException {
        return SqliteValues.read(rs, index, column);
    }

    @Override
    public RowReader rowReader(ResultSet rs, List<Column> columns) throws SQLException {
        RowReader whole = SqliteRowReader.of(rs, columns);
        return whole != null ? whole : super.rowReader(rs, columns);
    }

    /** Text as stored: the driver's String when it decoded cleanly, else the raw bytes (a BLOB, or invalid UTF-8). */
    @Override
    public Object readStoredText(ResultSet rs, int index) throws SQLException {
        Object raw = rs.getObject(index);
        if (raw == null || raw instanceof String s && s.indexOf('\uFFFD') < 0) {
            return raw;
        }
        if (raw instanceof Number) {
            return raw.toString();
        }
        return SqliteValues.storedText(rs.getBytes(index));
    }

    @Override
    public void bind(PreparedStatement ps, int index, Object value, Column target) throws SQLException {
        SqliteValues.bind(ps, index, value, target);
    }

    @Override
    public String insertParameter(Column target) {
        return SqliteValues.insertExpression("?");
    }

    @Override
    public FailureLocation locateFailure(SQLException e, List<Column> columns, Object[] row) {
        return SqliteFailureLocator.locate(e, columns, row);
    }

    /**
     * A lock file beside the database rather than an exclusive transaction: SQLite has one writer at a time,
     * so a transaction held open on the lock connection would also shut out the import's own connections.
     */
    @Override
    public io.dbferry.core.dialect.WriterLock tryWriterLock(Connection connection, ConnectionSpec spec, String holder) {
        Path lock = Path.of(spec.file() + ".dbferry-lock");
        try {
            return io.dbferry.core.dialect.LockFile.tryLock(lock, spec.file().toString(), holder);
        } catch (java.io.IOException e) {
            throw new io.dbferry.core.DbferryException(io.dbferry.core.DbferryException.Kind.FILE, "Cannot create the lock file "
                    + lock + " beside the database: " + e.getMessage(), "Make the database's folder writable.", e);
        }
    }

    @Override
    public void setForeignKeyChecks(Connection connection, boolean enabled) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("PRAGMA foreign_keys = " + (enabled ? "ON" : "OFF"));
        }
    }

    @Override
    public java.util.List<String> insertTriggers(Connection connection, String table) throws SQLException {
        return textRows(connection, "select name, sql from sqlite_master where type = 'trigger' and tbl_name = ?", table).stream()
                .filter(row -> String.valueOf(row[1]).toUpperCase(Locale.ROOT).matches("(?s).*\\bINSERT\\b.*"))
                .map(row -> row[0]).toList();
    }

    @Override
    public io.dbferry.core.dialect.SchemaObjects schemaObjects() {
        return new SqliteSchemaObjects();
    }

    @Override
    public void resetAutoIncrement(Connection connection, Table table) throws SQLException {
        // SQLite keeps AUTOINCREMENT counters in sqlite_sequence; plain rowid keys need nothing
        boolean hasSequence;
        try (ResultSet rs = connection.getMetaData().getTables(null, null, "sqlite_sequence", null)) {
            hasSequence = rs.next();
        }
        if (!hasSequence || table.primaryKey().size() != 1) {
            return;
        }
        String key = table.primaryKey().get(0);
        var dsl = dsl(connection);
        String sql = "update sqlite_sequence set seq = (select coalesce(max(" + dsl.render(org.jooq.impl.DSL.name(key))
                + "), 0) from " + dsl.render(org.jooq.impl.DSL.name(table.name())) + ") where name = ?";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, table.name());
            ps.executeUpdate();
        }
    }

    @Override
    protected String codePointCollation() {
        return "{0} collate binary";
    }

    @Override
    public String columnType(Column source, boolean inKey) {
        return switch (source.portableType()) {
            case INTEGER -> "INTEGER";
            case DECIMAL -> source.size() > 0 ? "NUMERIC(" + source.size() + "," + source.scale() + ")" : "NUMERIC";
            case DOUBLE -> "REAL";
            case BOOLEAN -> "BOOLEAN";
            case TEXT -> source.size() > 0 && source.size() < 1_000_000 ? "VARCHAR(" + source.size() + ")" : "TEXT";
            case BINARY -> "BLOB";
            case DATE -> "DATE";
            case TIME -> "TIME";
            case TIMESTAMP -> "DATETIME";
            case TIMESTAMP_TZ -> "TIMESTAMP WITH TIME ZONE";
            case JSON -> "JSON";
            case UUID -> "UUID";
        };
    }

    @Override
    public io.dbferry.core.dialect.SchemaSql schemaSql() {
        return new SqliteSchemaSql();
    }

    @Override
    public Table withEngineDetails(Connection connection, Table table) throws SQLException {
        return SqliteSchemaDetails.complete(connection, table);
    }

    @Override
    public String autoIncrementColumn(String quotedName, String type) {
        // only this exact form makes the key an alias of the rowid with an AUTOINCREMENT counter
        return quotedName + " INTEGER PRIMARY KEY AUTOINCREMENT";
    }

    @Override
    public boolean autoIncrementDeclaresPrimaryKey() {
        return true;
    }

    @Override
    public boolean canAddForeignKeys() {
        return false;
    }

    @Override
    public int fractionalSecondDigits(Column column) {
        return 9; // stored as text, every digit is kept
    }

    @Override
    public int[] decimalDigits(Column column) {
        return null; // NUMERIC(10,2) is an affinity, never a rounding
    }

    @Override
    public String floatingDecimal(Column column, BigDecimal value) {
        return SqliteValues.notHeldAsReal(value);
    }

    @Override
    public boolean validatesJson() {
        return false;
    }

    @Override
    public boolean holdsCarried(Column column, io.dbferry.core.model.CarriedValue value, boolean strictTable) {
        if (value.value() instanceof Double d && d.isNaN()) {
            return false; // SQLite stores NaN as NULL
        }
        io.dbferry.core.model.CarriedValue.Kind kind = value.kind();
        if (!strictTable) {
            return true; // any value in any column
        }
        // a STRICT table stores its declared kind only (an integer into REAL becomes a real), ANY stores anything
        String declared = column.typeName() == null ? "" : column.typeName().toUpperCase(Locale.ROOT);
        return switch (declared) {
            case "ANY" -> true;
            case "INT", "INTEGER" -> kind == io.dbferry.core.model.CarriedValue.Kind.INTEGER;
            case "REAL" -> kind == io.dbferry.core.model.CarriedValue.Kind.REAL;
            case "TEXT" -> kind == io.dbferry.core.model.CarriedValue.Kind.TEXT;
            case "BLOB" -> kind == io.dbferry.core.model.CarriedValue.Kind.BLOB;
            default -> false;
        };
    }

    @Override
    public java.util.Set<String> strictTables(Connection connection) {
        java.util.Set<String> strict = new java.util.HashSet<>();
        try (var st = connection.createStatement(); var rs = st.executeQuery("select name from pragma_table_list where strict = 1")) {
            while (rs.next()) {
                strict.add(rs.getString(1));
            }
        } catch (SQLException e) {
            return java.util.Set.of(); // a SQLite before 3.37 has no STRICT tables
        }
        return strict;
    }

    @Override
    public int maxIdentifierLength() {
        return Integer.MAX_VALUE;
    }
}
