package io.dbferry.core.dialect.postgres;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.dialect.BulkLoader;
import io.dbferry.core.dialect.CharacterSet;
import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.dialect.FailureLocation;
import io.dbferry.core.dialect.TextLimit;
import io.dbferry.core.dialect.TextValues;
import io.dbferry.core.dialect.ValueConversionException;
import io.dbferry.core.dialect.UrlForm;
import io.dbferry.core.model.CarriedValue;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.ConnectionSpec;
import io.dbferry.core.model.Engine;
import io.dbferry.core.model.PortableType;
import io.dbferry.core.model.ServerDescription;
import io.dbferry.core.model.Table;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * PostgreSQL. Strings are sent untyped ({@code stringtype=unspecified}) so the server casts them
 * into json, uuid and enum columns itself; sequences are moved with {@code setval}.
 */
public final class PostgresDialect extends Dialect {

    @Override
    public Engine engine() {
        return Engine.POSTGRESQL;
    }

    @Override
    public SQLDialect jooqDialect() {
        return SQLDialect.POSTGRES;
    }

    /** pgjdbc's properties that carry a password ({@code org.postgresql.PGProperty}): the login's and the SSL key's. */
    @Override
    public UrlForm urlForm() {
        return UrlForm.server("jdbc:postgresql:", 5432, "postgresql", "postgres").withPasswordProperties("password", "sslpassword");
    }

    @Override
    public Connection open(ConnectionSpec spec, String password, boolean readOnly) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", spec.user() != null ? spec.user() : System.getProperty("user.name"));
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "5");
        props.setProperty("stringtype", "unspecified");
        props.setProperty("reWriteBatchedInserts", "true");
        props.setProperty("ApplicationName", "dbferry");
        return openSession(spec, props, readOnly, readOnly
                ? java.util.List.of("SET TIME ZONE 'UTC'", "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
                : java.util.List.of("SET TIME ZONE 'UTC'"));
    }

    @Override
    public boolean isAuthenticationFailure(SQLException e) {
        String state = e.getSQLState();
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return "28P01".equals(state) || ("28000".equals(state) && message.contains("password"))
                || message.contains("no password was provided");
    }

    @Override
    public DbferryException explainConnectFailure(SQLException e, ConnectionSpec spec) {
        String where = spec.host() + ":" + spec.port();
        String state = String.valueOf(e.getSQLState());
        if (isAuthenticationFailure(e)) {
            return new DbferryException(Kind.CONNECTION, "The PostgreSQL server at " + where + " refused the login of user '"
                    + (spec.user() != null ? spec.user() : System.getProperty("user.name")) + "' (wrong password or no such user).",
                    "Check the user and password; give the password with --password-env VAR.", e);
        }
        if ("3D000".equals(state)) {
            return new DbferryException(Kind.CONNECTION, "The PostgreSQL server at " + where + " has no database '" + spec.database() + "'.",
                    "Create it first (createdb " + spec.database() + ") or check the name.", e);
        }
        if (state.startsWith("28")) {
            return new DbferryException(Kind.CONNECTION, "The PostgreSQL server at " + where + " does not let this login in: " + e.getMessage(),
                    "Check pg_hba.conf on the server and the user name.", e);
        }
        if (state.startsWith("08")) {
            return new DbferryException(Kind.CONNECTION, "No PostgreSQL server answers at " + where + ".",
                    "Check that the server is running and that host and port are right.", e);
        }
        return new DbferryException(Kind.CONNECTION, "Cannot connect to " + spec.display() + ": " + e.getMessage(), null, e);
    }

    @Override
    public ServerDescription describe(Connection connection, ConnectionSpec spec) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("select current_setting('server_version'), pg_encoding_to_char(encoding), "
                     + "current_database() from pg_database where datname = current_database()")) {
            rs.next();
            return new ServerDescription(Engine.POSTGRESQL, rs.getString(1).replaceFirst(" .*$", ""), rs.getString(3),
                    rs.getString(2));
        }
    }

    @Override
    public String metadataSchema(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("select current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public PortableType portableType(int jdbcType, String typeName, int size, int scale) {
        String t = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        switch (t) {
            case "json", "jsonb" -> { return PortableType.JSON; }
            case "uuid" -> { return PortableType.UUID; }
            case "timestamptz" -> { return PortableType.TIMESTAMP_TZ; }
            case "bool" -> { return PortableType.BOOLEAN; }
            case "money" -> { return PortableType.DECIMAL; }
            default -> { }
        }
        if (jdbcType == Types.ARRAY) {
            return PortableType.JSON; // an array travels as JSON text (PostgresArrays)
        }
        return byJdbcType(jdbcType);
    }

    @Override
    public Object read(ResultSet rs, int index, Column column) throws SQLException {
        return switch (column.portableType()) {
            case DECIMAL -> {
                // as text: money comes formatted ("$1,234.50"), numeric exactly as stored
                String raw = rs.getString(index);
                if (raw == null) {
                    yield null;
                }
                CarriedValue nonFinite = PostgresNonFinite.numeric(raw);
                yield nonFinite != null ? nonFinite : TextValues.toDecimal(column.name(), raw.replaceAll("[$,]", ""));
            }
            case UUID -> rs.getObject(index, UUID.class);
            case JSON -> PostgresArrays.isArray(column) ? PostgresArrays.toJson(rs.getString(index), column.typeName())
                    : readTyped(rs, index, column);
            case DATE, TIMESTAMP, TIMESTAMP_TZ -> PostgresNonFinite.temporal(readTyped(rs, index, column));
            default -> readTyped(rs, index, column);
        };
    }

    @Override
    public boolean holdsCarried(Column column, CarriedValue value, boolean strictTable) {
        return PostgresNonFinite.holds(column, value, decimalDigits(column) == null);
    }

    @Override
    public void bind(PreparedStatement ps, int index, Object value, Column target) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.NULL);
        } else if (value instanceof String s) {
            if (s.indexOf('\0') >= 0) {
                throw new ValueConversionException(target.name(), value, "holds a NUL character, which PostgreSQL text cannot store");
            }
            ps.setString(index, PostgresArrays.isArray(target) ? PostgresArrays.toLiteral(target.name(), s) : s);
        } else if (value instanceof Long l) {
            ps.setLong(index, l);
        } else if (value instanceof BigInteger i) {
            ps.setBigDecimal(index, new BigDecimal(i));
        } else if (value instanceof BigDecimal d) {
            ps.setBigDecimal(index, d);
        } else if (value instanceof Double d) {
            ps.setDouble(index, d);
        } else if (value instanceof Boolean b) {
            ps.setBoolean(index, b);
        } else if (value instanceof CarriedValue carried && PostgresNonFinite.text(carried) != null) {
            ps.setObject(index, PostgresNonFinite.text(carried), Types.OTHER); // typed by the column: NaN, infinity
        } else if (value instanceof byte[] bytes) {
            ps.setBytes(index, bytes);
        } else if (value instanceof UUID || value instanceof LocalDate || value instanceof LocalTime
                || value instanceof LocalDateTime || value instanceof OffsetDateTime) {
            ps.setObject(index, value);
        } else {
            ps.setString(index, value.toString());
        }
    }

    @Override
    public BulkLoader bulkLoader() {
        return new PostgresCopy();
    }

    @Override
    public io.dbferry.core.dialect.IndexDeferral indexDeferral() {
        return new PostgresIndexDeferral();
    }

    @Override
    public FailureLocation locateFailure(SQLException e, List<Column> columns, Object[] row) {
        return PostgresFailureLocator.locate(e, columns, row);
    }

    @Override
    public io.dbferry.core.dialect.WriterLock tryWriterLock(Connection connection, ConnectionSpec spec, String holder)
            throws SQLException {
        return PostgresWriterLock.take(connection, spec.database(), holder);
    }

    @Override
    public io.dbferry.core.dialect.BucketChecksums bucketChecksums() {
        return new PostgresBucketChecksums();
    }

    @Override
    public io.dbferry.core.dialect.ChangedRows changedRows() {
        return new PostgresChangedRows();
    }

    @Override
    public void setForeignKeyChecks(Connection connection, boolean enabled) throws SQLException {
        // replica mode skips the internal triggers that enforce foreign keys; it needs superuser
        try (Statement st = connection.createStatement()) {
            st.execute("SET session_replication_role = " + (enabled ? "origin" : "replica"));
        }
    }

    @Override
    public java.util.List<String> insertTriggers(Connection connection, String table) throws SQLException {
        // in replica mode (set for the load when allowed) only ENABLE ALWAYS / ENABLE REPLICA triggers fire
        return textRows(connection, "select t.tgname from pg_trigger t "
                + "join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace "
                + "where c.relname = ? and n.nspname = current_schema() and not t.tgisinternal and (t.tgtype & 4) <> 0 "
                + "and (case when current_setting('session_replication_role') = 'replica' "
                + "then t.tgenabled in ('A', 'R') else t.tgenabled in ('O', 'A') end)", table)
                .stream().map(row -> row[0]).toList();
    }

    @Override
    public io.dbferry.core.dialect.SchemaObjects schemaObjects() {
        return new PostgresSchemaObjects();
    }

    @Override
    public void emptyInTransaction(Connection connection, String table, boolean referencedByOthers) throws SQLException {
        if (referencedByOthers) {
            super.emptyInTransaction(connection, table, true); // TRUNCATE refuses a table another one references
            return;
        }
        // TRUNCATE is transactional here: rolled back with a failed load, and far faster than DELETE
        try (Statement st = connection.createStatement()) {
            st.execute("TRUNCATE TABLE " + dsl(connection).render(DSL.name(table)));
        }
    }

    @Override
    public void resetAutoIncrement(Connection connection, Table table) throws SQLException {
        var dsl = dsl(connection);
        String quotedTable = dsl.render(DSL.name(table.name()));
        for (Column column : table.columns()) {
            if (column.portableType() != PortableType.INTEGER) {
                continue;
            }
            String sequence = textRows(connection, "select pg_get_serial_sequence(?, ?)", quotedTable, column.name()).stream()
                    .findFirst().map(row -> row[0]).orElse(null);
            if (sequence == null) {
                continue;
            }
            String quotedColumn = dsl.render(DSL.name(column.name()));
            try (PreparedStatement ps = connection.prepareStatement("select setval(?, coalesce((select max(" + quotedColumn
                    + ") from " + quotedTable + "), 0) + 1, false)")) {
                ps.setString(1, sequence);
                ps.executeQuery().close();
            }
        }
    }

    @Override
    protected String codePointCollation() {
        return "{0} collate \"C\"";
    }

    @Override
    protected java.util.List<String> snapshotStatements() {
        return java.util.List.of("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    }

    /** pg_export_snapshot: the other connections see exactly what this one does, for as long as its transaction lasts. */
    @Override
    public java.util.Optional<String> exportSnapshot(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); java.sql.ResultSet rs = st.executeQuery("SELECT pg_export_snapshot()")) {
            return rs.next() ? java.util.Optional.of(rs.getString(1)) : java.util.Optional.empty();
        }
    }

    @Override
    public void joinSnapshot(Connection connection, String name) throws SQLException {
        if (!name.matches("[0-9A-Fa-f-]+")) {
            throw new SQLException("not a snapshot name: " + name); // SET TRANSACTION SNAPSHOT takes no bound value
        }
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            st.execute("SET TRANSACTION SNAPSHOT '" + name + "'");
        }
    }

    // ---- character sets and lengths ----

    private static final java.util.Map<String, String> JAVA_CHARSETS = java.util.Map.ofEntries(
            java.util.Map.entry("LATIN1", "ISO-8859-1"), java.util.Map.entry("LATIN2", "ISO-8859-2"),
            java.util.Map.entry("LATIN3", "ISO-8859-3"), java.util.Map.entry("LATIN4", "ISO-8859-4"),
            java.util.Map.entry("LATIN5", "ISO-8859-9"), java.util.Map.entry("LATIN7", "ISO-8859-13"),
            java.util.Map.entry("LATIN9", "ISO-8859-15"), java.util.Map.entry("LATIN10", "ISO-8859-16"),
            java.util.Map.entry("ISO_8859_5", "ISO-8859-5"), java.util.Map.entry("ISO_8859_6", "ISO-8859-6"),
            java.util.Map.entry("ISO_8859_7", "ISO-8859-7"), java.util.Map.entry("ISO_8859_8", "ISO-8859-8"),
            java.util.Map.entry("WIN1250", "windows-1250"), java.util.Map.entry("WIN1251", "windows-1251"),
            java.util.Map.entry("WIN1252", "windows-1252"), java.util.Map.entry("WIN1253", "windows-1253"),
            java.util.Map.entry("WIN1254", "windows-1254"), java.util.Map.entry("WIN1255", "windows-1255"),
            java.util.Map.entry("WIN1256", "windows-1256"), java.util.Map.entry("WIN1257", "windows-1257"),
            java.util.Map.entry("WIN1258", "windows-1258"), java.util.Map.entry("WIN866", "IBM866"),
            java.util.Map.entry("WIN874", "x-windows-874"), java.util.Map.entry("KOI8R", "KOI8-R"),
            java.util.Map.entry("KOI8U", "KOI8-U"), java.util.Map.entry("EUC_JP", "EUC-JP"),
            java.util.Map.entry("EUC_KR", "EUC-KR"), java.util.Map.entry("EUC_CN", "GB2312"),
            java.util.Map.entry("SJIS", "Shift_JIS"), java.util.Map.entry("BIG5", "Big5"),
            java.util.Map.entry("GBK", "GBK"), java.util.Map.entry("UHC", "x-windows-949"),
            java.util.Map.entry("GB18030", "GB18030"));

    /** PostgreSQL has one encoding per database: every column of the table gets it. */
    @Override
    public java.util.Map<String, String> characterSets(Connection connection, String table) throws SQLException {
        String encoding = textRows(connection, "select pg_encoding_to_char(encoding) from pg_database where datname = current_database()")
                .get(0)[0];
        java.util.Map<String, String> sets = new java.util.LinkedHashMap<>();
        for (String[] row : textRows(connection, "select column_name from information_schema.columns"
                + " where table_schema = current_schema() and table_name = ?", table)) {
            sets.put(row[0], encoding);
        }
        return sets;
    }

    @Override
    public CharacterSet characterSet(String name) {
        if (name == null) {
            return CharacterSet.UTF8;
        }
        String n = name.toUpperCase(Locale.ROOT);
        if (n.equals("UTF8") || n.equals("SQL_ASCII") || n.equals("MULE_INTERNAL")) {
            return CharacterSet.unicode(name); // SQL_ASCII stores the bytes unchecked
        }
        return JAVA_CHARSETS.containsKey(n) ? CharacterSet.java(name, JAVA_CHARSETS.get(n)) : CharacterSet.unknown(name);
    }

    /** varchar(n) and char(n) count characters; text has no limit. */
    @Override
    public TextLimit textLimit(Column column) {
        String t = column.typeName() == null ? "" : column.typeName().toLowerCase(Locale.ROOT);
        if ((t.equals("varchar") || t.equals("bpchar")) && column.size() > 0 && column.size() < Integer.MAX_VALUE / 2) {
            return TextLimit.characters(column.size());
        }
        return TextLimit.NONE;
    }

    @Override
    public boolean acceptsNul() {
        return false;
    }

    @Override
    public String widenCharacterSet(String table, String characterSet) {
        if (characterSet == null || characterSet.equalsIgnoreCase("UTF8")) {
            return null;
        }
        return "-- a PostgreSQL database keeps the encoding it was created with (" + characterSet + "): "
                + "CREATE DATABASE newdb ENCODING 'UTF8' TEMPLATE template0, then migrate and import into it";
    }

    @Override
    public String widenLength(String table, Column column, long needed) {
        String t = column.typeName() == null ? "" : column.typeName().toLowerCase(Locale.ROOT);
        String type = t.equals("bpchar") ? "char(" + needed + ")" : "varchar(" + needed + ")";
        return "ALTER TABLE \"" + table.replace("\"", "\"\"") + "\" ALTER COLUMN \"" + column.name().replace("\"", "\"\"")
                + "\" TYPE " + type;
    }

    @Override
    public String columnType(Column source, boolean inKey) {
        String declared = source.typeName() == null ? "" : source.typeName().toUpperCase(Locale.ROOT);
        return switch (source.portableType()) {
            case INTEGER -> declared.contains("UNSIGNED") && declared.contains("BIGINT") ? "NUMERIC(20)"
                    : declared.contains("UNSIGNED") && declared.contains("SMALL") ? "INTEGER" // 0..65,535
                    : declared.contains("TINY") || declared.contains("SMALL") || declared.equals("INT2") ? "SMALLINT"
                    : declared.equals("INT") || declared.equals("INT4") || declared.equals("SERIAL") || declared.equals("MEDIUMINT")
                    ? "INTEGER" : "BIGINT";
            case DECIMAL -> source.size() > 0 && source.size() <= 1000
                    ? "NUMERIC(" + source.size() + "," + source.scale() + ")" : "NUMERIC";
            case DOUBLE -> "DOUBLE PRECISION";
            case BOOLEAN -> "BOOLEAN";
            case TEXT -> source.size() > 0 && source.size() <= 10_485_760 ? "VARCHAR(" + source.size() + ")" : "TEXT";
            case BINARY -> "BYTEA";
            case DATE -> "DATE";
            case TIME -> "TIME";
            case TIMESTAMP -> "TIMESTAMP";
            case TIMESTAMP_TZ -> "TIMESTAMPTZ";
            case JSON -> "JSONB";
            case UUID -> "UUID";
        };
    }

    @Override
    public io.dbferry.core.dialect.SchemaSql schemaSql() {
        return new PostgresSchemaSql();
    }

    @Override
    public Table withEngineDetails(Connection connection, Table table) throws SQLException {
        return PostgresSchemaDetails.complete(connection, this, table);
    }

    @Override
    public String autoIncrementColumn(String quotedName, String type) {
        return quotedName + " " + type + " GENERATED BY DEFAULT AS IDENTITY";
    }

    @Override
    public int maxIdentifierLength() {
        return 63;
    }
}
