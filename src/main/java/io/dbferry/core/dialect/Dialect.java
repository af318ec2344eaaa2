package io.dbferry.core.dialect;

import io.dbferry.core.DbferryException;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.ConnectionSpec;
import io.dbferry.core.model.Engine;
import io.dbferry.core.model.Index;
import io.dbferry.core.model.PortableType;
import io.dbferry.core.model.ServerDescription;
import io.dbferry.core.model.Table;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * Everything that differs between engines, in one strategy per engine: how to connect and explain a
 * failed connection, where the catalog lives, how values are read and bound, how foreign-key checks
 * are switched off, how sequences are moved. Transfer code asks the dialect and never tests engine names.
 */
public abstract class Dialect {

    public abstract Engine engine();

    /** Whether this dialect speaks to {@code engine}; {@link Dialects} asks each registered dialect. */
    public boolean handles(Engine engine) {
        return engine == engine();
    }

    /** This dialect for exactly {@code engine}, one it {@link #handles}; MySQL's also serves MariaDB. */
    public Dialect forEngine(Engine engine) {
        return this;
    }

    /** The dialect that fits the server behind an open connection, once the server has said what it is. */
    public Dialect refine(Connection connection) throws SQLException {
        return this;
    }

    public abstract SQLDialect jooqDialect();

    /** What this engine's connection URLs look like; ConnectionUrls asks every registered dialect, as Flyway's handlesJDBCUrl. */
    public abstract UrlForm urlForm();

    /** The files of a file database with those the engine keeps beside it (SQLite's -wal, -shm, -journal); none for a server. */
    public List<Path> databaseFiles(ConnectionSpec spec) {
        return List.of();
    }

    /** Opens a connection; read-only sessions for sources. Throws the driver's exception unchanged. */
    public abstract Connection open(ConnectionSpec spec, String password, boolean readOnly) throws SQLException;

    /** Opens a server connection and runs the session's set-up statements; a failed set-up closes it again. */
    protected static Connection openSession(ConnectionSpec spec, java.util.Properties props, boolean readOnly,
                                            java.util.List<String> setup) throws SQLException {
        Connection connection = java.sql.DriverManager.getConnection(spec.jdbcUrl(), props);
        try (java.sql.Statement st = connection.createStatement()) {
            for (String sql : setup) {
                st.execute(sql);
            }
            connection.setReadOnly(readOnly);
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /** Bounds how long one call waits for the server ({@code ZERO}: no bound) by the driver's network timeout, which then gives the connection up. */
    public void setServerTimeout(Connection connection, java.time.Duration timeout) throws SQLException {
        connection.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    /** Whether {@code failure} means the connection is gone: SQLState 08, a recoverable or connection exception, a socket failure, among its causes. */
    public boolean isConnectionLost(Throwable failure) {
        for (Throwable c = failure; c != null && c != c.getCause(); c = c.getCause()) {
            if (c instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")
                    || c instanceof java.sql.SQLRecoverableException || c instanceof java.sql.SQLNonTransientConnectionException
                    || c instanceof java.net.SocketException || c instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code failure} is a server that did not answer within the bound of {@link #setServerTimeout}. */
    public boolean isServerTimeout(Throwable failure) {
        for (Throwable c = failure; c != null && c != c.getCause(); c = c.getCause()) {
            if (c instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** True when the server refused the login, so a password prompt may help. */
    public abstract boolean isAuthenticationFailure(SQLException e);

    /** Turns a failed connection into a paragraph that names the cause and what to do. */
    public abstract DbferryException explainConnectFailure(SQLException e, ConnectionSpec spec);

    public abstract ServerDescription describe(Connection connection, ConnectionSpec spec) throws SQLException;

    /** The catalog argument for {@link java.sql.DatabaseMetaData} calls. */
    public String metadataCatalog(Connection connection) throws SQLException {
        return null;
    }

    /** The schema argument for {@link java.sql.DatabaseMetaData} calls. */
    public String metadataSchema(Connection connection) throws SQLException {
        return null;
    }

    /** Whether a table listed by the driver belongs to the application (not the engine's own). */
    public boolean isApplicationTable(String name) {
        return true;
    }

    /**
     * The table as read through JDBC metadata, completed from the engine's own catalog with what JDBC does not
     * tell: generated expressions, ON UPDATE, ENUM/SET values, collations, CHECK constraints, a DOMAIN's base type.
     */
    public Table withEngineDetails(Connection connection, Table table) throws SQLException {
        return table;
    }

    /** The keys pointing at {@code table} (its own too) in one query, faster than DatabaseMetaData; empty: use that. */
    public java.util.Optional<List<io.dbferry.core.model.ForeignKey>> referencingKeys(Connection connection, String table) throws SQLException {
        return java.util.Optional.empty();
    }

    /** Whether the engine made this index by itself for a key (SQLite's sqlite_autoindex_*, MySQL's PRIMARY), so copy-schema skips it. */
    public boolean isImplicitIndex(Index index) {
        return false;
    }

    /**
     * Whether the engine fills this single integer primary-key column by itself when an insert leaves it out:
     * declared auto-increment columns, and for SQLite every INTEGER PRIMARY KEY (an alias of the rowid).
     */
    public boolean generatesKey(Column keyColumn) {
        return keyColumn.autoIncrement();
    }

    /** The portable type that a column's values travel as. */
    public abstract PortableType portableType(int jdbcType, String typeName, int size, int scale);

    /** Reads one value as the Java class of its portable type (see {@link PortableType}). */
    public abstract Object read(ResultSet rs, int index, Column column) throws SQLException;

    /** The portable type a JDBC type stands for, where the driver reports types faithfully (MySQL, PostgreSQL). */
    protected static PortableType byJdbcType(int jdbcType) {
        return switch (jdbcType) {
            case java.sql.Types.BIT, java.sql.Types.BOOLEAN -> PortableType.BOOLEAN;
            case java.sql.Types.TINYINT, java.sql.Types.SMALLINT, java.sql.Types.INTEGER, java.sql.Types.BIGINT -> PortableType.INTEGER;
            case java.sql.Types.DECIMAL, java.sql.Types.NUMERIC -> PortableType.DECIMAL;
            case java.sql.Types.REAL, java.sql.Types.FLOAT, java.sql.Types.DOUBLE -> PortableType.DOUBLE;
            case java.sql.Types.BINARY, java.sql.Types.VARBINARY, java.sql.Types.LONGVARBINARY, java.sql.Types.BLOB -> PortableType.BINARY;
            case java.sql.Types.DATE -> PortableType.DATE;
            case java.sql.Types.TIME -> PortableType.TIME;
            case java.sql.Types.TIMESTAMP -> PortableType.TIMESTAMP;
            case java.sql.Types.TIMESTAMP_WITH_TIMEZONE -> PortableType.TIMESTAMP_TZ;
            default -> PortableType.TEXT;
        };
    }

    /** Reads a value through the driver's own typed getters, for engines that store values as declared. */
    protected static Object readTyped(ResultSet rs, int index, Column column) throws SQLException {
        return switch (column.portableType()) {
            case INTEGER -> {
                Object raw = rs.getObject(index);
                yield raw == null ? null : TextValues.toInteger(column.name(), raw);
            }
            case BOOLEAN -> rs.getObject(index) == null ? null : rs.getBoolean(index);
            case DECIMAL -> rs.getBigDecimal(index);
            case DOUBLE -> rs.getObject(index) == null ? null : rs.getDouble(index);
            case BINARY -> rs.getBytes(index);
            case DATE -> rs.getObject(index, java.time.LocalDate.class);
            case TIME -> rs.getObject(index, java.time.LocalTime.class);
            case TIMESTAMP -> rs.getObject(index, java.time.LocalDateTime.class);
            case TIMESTAMP_TZ -> rs.getObject(index, java.time.OffsetDateTime.class);
            case UUID -> {
                String raw = rs.getString(index);
                yield raw == null ? null : TextValues.toUuid(column.name(), raw);
            }
            case TEXT, JSON -> rs.getString(index);
        };
    }

    /** Binds one value of a portable type, or a {@code CarriedValue} where {@link #holdsCarried}, into a statement writing the given target column. */
    public abstract void bind(PreparedStatement ps, int index, Object value, Column target) throws SQLException;

    /** The SQL an insert writes one value through, holding exactly one {@code ?}, which {@link #bind} fills. */
    public String insertParameter(Column target) {
        return "?";
    }

    /** Whether several connections can write at once (an import with --jobs); SQLite takes one writer at a time. */
    public boolean concurrentWriters() {
        return true;
    }

    /**
     * The engine's bulk-load fast path (COPY, LOAD DATA), or null when the batched row-by-row path is the
     * fastest there is (SQLite: one transaction, one reused prepared statement).
     */
    public BulkLoader bulkLoader() {
        return null;
    }

    /** Secondary indexes set aside for a load and built after it in its transaction; null where DDL commits (MySQL). */
    public IndexDeferral indexDeferral() {
        return null;
    }

    /**
     * Where a write the server refused failed, read from the server's own report (error fields, a COPY's context, the
     * column its message names): the column of {@code row} (bound in the order of {@code columns}) at fault, and for a
     * bulk load (whose {@code row} is null, its rows gone) the row. Unknown parts stay unknown.
     */
    public FailureLocation locateFailure(SQLException e, java.util.List<Column> columns, Object[] row) {
        return FailureLocation.UNKNOWN;
    }

    /** For sync: how this engine reads a table's rows by key range in one query and, where it can be exact, sums them per range. */
    public BucketChecksums bucketChecksums() {
        return new BucketChecksums();
    }

    /** For sync: what this engine keeps of when each row changed, so a sync after a copy or sync reads only those rows. */
    public ChangedRows changedRows() {
        return new ChangedRows();
    }

    /** Switches foreign-key enforcement for this session (used to load tables that form a cycle). */
    public abstract void setForeignKeyChecks(Connection connection, boolean enabled) throws SQLException;

    /**
     * Takes the lock, kept by the engine, that keeps a second dbferry writer out of this database, on
     * {@code connection}: a connection of its own, open for the whole write (closing it releases the lock).
     * {@code holder} is dbferry's description of this writer, for the one refused. Throws
     * {@link WriterLockHeld} naming the holder, as far as the engine tells, when another has it.
     */
    public abstract WriterLock tryWriterLock(Connection connection, ConnectionSpec spec, String holder) throws SQLException;

    /** Triggers that would fire on INSERT into the table in this session, and could rewrite loaded values. */
    public abstract java.util.List<String> insertTriggers(Connection connection, String table) throws SQLException;

    /** The engine's views and triggers: reading them, porting a view's query, holding a trigger off for a load. */
    public abstract SchemaObjects schemaObjects();

    /**
     * Empties {@code table} inside the caller's open transaction, so a load that fails after it rolls the old rows
     * back: DELETE without WHERE here (MySQL's TRUNCATE commits implicitly; SQLite truncates such a DELETE itself).
     * {@code referencedByOthers}: another table's foreign key points at it.
     */
    public void emptyInTransaction(Connection connection, String table, boolean referencedByOthers) throws SQLException {
        dsl(connection).deleteFrom(DSL.table(DSL.name(table))).execute();
    }

    /** Moves auto-increment counters past the largest key now in the table. */
    public abstract void resetAutoIncrement(Connection connection, Table table) throws SQLException;

    /** Orders rows by code point, the same on every engine, so checksums computed in key order agree. */
    public final Field<?> binaryOrder(Field<?> field, Column column) {
        return column.portableType() == PortableType.TEXT
                ? DSL.field(codePointCollation(), field.getDataType(), field) : field;
    }

    /** The jOOQ template ({@code {0}}: a text column) under which this engine compares text by code point. */
    protected abstract String codePointCollation();

    /**
     * Starts the single read-only snapshot an export reads from: a transaction and the engine's
     * {@link #snapshotStatements()} (none for SQLite, where a deferred transaction on a read-only file is one).
     */
    public final void beginSnapshot(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            for (String sql : snapshotStatements()) {
                st.execute(sql);
            }
        }
    }

    /** Ends the snapshot {@link #beginSnapshot} started (read-only: nothing to keep), back in autocommit. */
    public final void endSnapshot(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException ignored) { // read-only: nothing to keep; a broken connection reports itself on next use
        }
    }

    protected List<String> snapshotStatements() {
        return List.of();
    }

    /** The name by which other connections may join {@code connection}'s snapshot ({@link #beginSnapshot}); empty: each has its own. */
    public java.util.Optional<String> exportSnapshot(Connection connection) throws SQLException {
        return java.util.Optional.empty();
    }

    /** Starts on {@code connection} the read-only snapshot another connection exported as {@code name}. */
    public void joinSnapshot(Connection connection, String name) throws SQLException {
        throw new SQLException("this engine cannot share a snapshot between connections");
    }

    /** Where snapshots cannot be shared, holds commits to {@code tables} back until {@code guard} closes; false: none held. */
    public boolean holdCommits(Connection guard, List<String> tables) throws SQLException { return false; }

    /** A statement that streams its result, so memory stays flat (PostgreSQL needs a transaction; MySQL sets a fetch size). */
    public PreparedStatement prepareStreaming(Connection connection, String sql) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        ps.setFetchSize(2000);
        return ps;
    }

    /** Reads rows of {@code rs} whose first columns are {@code columns}: by default value by value through {@link #read}. */
    public RowReader rowReader(ResultSet rs, List<Column> columns) throws SQLException {
        return RowReader.valueByValue(this, rs, columns);
    }

    /**
     * The column type this engine uses for a source column, from its portable type, size and scale.
     * {@code inKey}: the column is part of a key or index, where some engines need a bounded type.
     */
    public abstract String columnType(Column source, boolean inKey);

    /** How this engine writes what copy-schema carries besides types: defaults, ON UPDATE, generated columns, choices, collations. */
    public SchemaSql schemaSql() {
        return new SchemaSql();
    }

    /** A column definition for an auto-increment key, given its quoted name and the type from {@link #columnType}. */
    public abstract String autoIncrementColumn(String quotedName, String type);

    /** Whether the primary key is declared inside the auto-increment column definition (SQLite). */
    public boolean autoIncrementDeclaresPrimaryKey() {
        return false;
    }

    /** Whether foreign keys can be added after the tables exist; otherwise they go inside CREATE TABLE. */
    public boolean canAddForeignKeys() {
        return true;
    }

    /** Table options appended to CREATE TABLE (storage engine, character set). */
    public String tableOptions() {
        return "";
    }

    /** Whether DOUBLE columns hold NaN and ±Infinity (MySQL's do not). */
    public boolean storesNonFiniteDoubles() {
        return true;
    }

    /**
     * The digits a DECIMAL column keeps, {@code {precision, scale}}, or null where the engine keeps every digit
     * it is given (an unconstrained NUMERIC; SQLite, which never rounds to a declared scale). A value with more
     * fractional digits would be rounded, one with more integer digits refused or cut: {@link TargetFit} lists both.
     */
    public int[] decimalDigits(Column column) {
        return column.size() > 0 && column.size() <= 1000 ? new int[] {column.size(), Math.max(0, column.scale())} : null;
    }

    /** Whether a JSON column refuses text that does not parse (SQLite's JSON is text and keeps any). */
    public boolean validatesJson() {
        return true;
    }

    /**
     * Whether a column holds this carried value exactly as it is, whatever the column's own type (SQLite keeps any value
     * but NaN in any column of an ordinary table, a STRICT table only its declared kind or ANY; PostgreSQL its numeric
     * NaN and its dates' ±infinity); where not, {@link TargetFit} converts it or says why not.
     */
    public boolean holdsCarried(Column column, io.dbferry.core.model.CarriedValue value, boolean strictTable) {
        return false;
    }

    /** Why a DECIMAL column storing floating point (SQLite's NUMERIC) cannot hold this decimal exactly; null: it can. */
    public String floatingDecimal(Column column, java.math.BigDecimal value) {
        return null;
    }

    /** The tables that hold only their columns' declared kinds (SQLite's STRICT tables); none elsewhere. */
    public java.util.Set<String> strictTables(Connection connection) {
        return java.util.Set.of();
    }

    /** How many fractional-second digits a TIME or TIMESTAMP column keeps (0-9). */
    public int fractionalSecondDigits(Column column) {
        return Math.max(0, Math.min(9, column.scale()));
    }

    // ---- character sets and lengths (validate-encoding, fix-encoding; see docs/encoding.md) ----

    /**
     * Per column of {@code table}, the character set its text is stored in, named as the engine names
     * it; columns without one are absent. The default (SQLite) has none: everything is UTF-8.
     */
    public Map<String, String> characterSets(Connection connection, String table) throws SQLException {
        return Map.of();
    }

    /**
     * Columns of {@code table} that hold JSON although their declared type does not say so (MariaDB's JSON is
     * LONGTEXT with a json_valid check); they travel and compare as {@link PortableType#JSON}.
     */
    public java.util.Set<String> jsonColumns(Connection connection, String table) throws SQLException {
        return java.util.Set.of();
    }

    /** What a character set of this engine, by its engine name, can hold; null means the engine's UTF-8. */
    public CharacterSet characterSet(String name) {
        return CharacterSet.UTF8;
    }

    /** The most a column holds, as this engine counts it; SQLite never enforces a length. */
    public TextLimit textLimit(Column column) {
        return TextLimit.NONE;
    }

    /** Whether text columns store U+0000 (PostgreSQL's do not). */
    public boolean acceptsNul() {
        return true;
    }

    /** The statement (or the step) that lets {@code table} hold every Unicode character; null when it already does. */
    public String widenCharacterSet(String table, String characterSet) {
        return null;
    }

    /** The statement that makes {@code column} long enough for {@code needed} (characters or bytes as the limit counts). */
    public String widenLength(String table, Column column, long needed) {
        return null;
    }

    /**
     * One text value as stored, for inspection: a String, or the raw bytes when they are not valid
     * UTF-8 (so that every such value can be reported, where {@link #read} stops at the first).
     */
    public Object readStoredText(ResultSet rs, int index) throws SQLException {
        return rs.getString(index);
    }

    /**
     * The rows of a catalog query with text parameters, each as its columns' text; for the dialects'
     * questions to information_schema and the system tables, which keep SQLException as they are.
     */
    public static java.util.List<String[]> textRows(Connection connection, String sql, String... parameters) throws SQLException {
        java.util.List<String[]> rows = new java.util.ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    String[] row = new String[columns];
                    for (int c = 0; c < columns; c++) {
                        row[c] = rs.getString(c + 1);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** The longest identifier the engine accepts. */
    public abstract int maxIdentifierLength();

    public DSLContext dsl(Connection connection) {
        Settings settings = new Settings()
                .withRenderQuotedNames(RenderQuotedNames.ALWAYS)
                .withExecuteLogging(false)
                .withRenderSchema(false)
                .withRenderCatalog(false);
        return DSL.using(connection, jooqDialect(), settings);
    }

    protected static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }
}
