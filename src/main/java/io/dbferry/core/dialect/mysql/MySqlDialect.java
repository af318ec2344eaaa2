package io.dbferry.core.dialect.mysql;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.dialect.BulkLoader;
import io.dbferry.core.dialect.CharacterSet;
import io.dbferry.core.dialect.CharacterSetNames;
import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.dialect.FailureLocation;
import io.dbferry.core.dialect.TextLimit;
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
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * MySQL and MariaDB through MySQL Connector/J. Sessions always talk utf8mb4 and UTC, so text and
 * TIMESTAMP values arrive unchanged; MariaDB is told apart by its version string.
 */
public final class MySqlDialect extends Dialect {

    private final Engine engine;

    /** MySQL until {@link #refine} has asked the server; the constructor {@link java.util.ServiceLoader} calls. */
    public MySqlDialect() {
        this(Engine.MYSQL);
    }

    public MySqlDialect(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Engine engine() {
        return engine;
    }

    @Override
    public SQLDialect jooqDialect() {
        return engine == Engine.MARIADB ? SQLDialect.MARIADB : SQLDialect.MYSQL;
    }

    /** Connector/J for MariaDB too. Its properties that carry a password ({@code com.mysql.cj.conf.PropertyKey}): the login's,
     * multi-factor authentication's second and third, the key stores', and the X DevAPI's under both their names. */
    @Override
    public UrlForm urlForm() {
        return UrlForm.server("jdbc:mysql:", 3306, "mysql", "mariadb").withPasswordProperties(
                "password", "password1", "password2", "password3",
                "clientCertificateKeyStorePassword", "trustCertificateKeyStorePassword",
                "xdevapi.ssl-keystore-password", "xdevapi.ssl-truststore-password",
                "xdevapiSslKeystorePassword", "xdevapiSslTruststorePassword");
    }

    /** InnoDB names the primary key's index PRIMARY. */
    @Override
    public boolean isImplicitIndex(Index index) {
        return index.name().equalsIgnoreCase("primary");
    }

    /** The dialect for a connected server: Connector/J reports MariaDB as "5.5.5-10.11.x-MariaDB". */
    @Override
    public boolean handles(Engine engine) {
        return engine == Engine.MYSQL || engine == Engine.MARIADB;
    }

    @Override
    public Dialect forEngine(Engine engine) {
        return new MySqlDialect(engine);
    }

    @Override
    public Dialect refine(Connection connection) throws SQLException {
        return forServerVersion(connection.getMetaData().getDatabaseProductVersion());
    }

    public static MySqlDialect forServerVersion(String productVersion) {
        boolean mariadb = productVersion != null && productVersion.toLowerCase(Locale.ROOT).contains("mariadb");
        return new MySqlDialect(mariadb ? Engine.MARIADB : Engine.MYSQL);
    }

    @Override
    public Connection open(ConnectionSpec spec, String password, boolean readOnly) throws SQLException {
        Properties props = new Properties();
        if (spec.user() != null) {
            props.setProperty("user", spec.user());
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("characterEncoding", "UTF-8");
        props.setProperty("connectionCollation", "utf8mb4_unicode_ci");
        props.setProperty("connectionTimeZone", "UTC");
        props.setProperty("forceConnectionTimeZoneToSession", "true");
        props.setProperty("preserveInstants", "true");
        props.setProperty("rewriteBatchedStatements", "true");
        props.setProperty("useServerPrepStmts", "false");
        props.setProperty("allowPublicKeyRetrieval", "true");
        props.setProperty("sslMode", "PREFERRED");
        props.setProperty("connectTimeout", "5000");
        props.setProperty("useCursorFetch", "false");
        // LOAD DATA LOCAL for the import's fast path (targets only), always fed from the stream dbferry sets on its
        // own statement; Connector/J uses such a stream only with allowLoadLocalInfile, a path restriction disables it
        if (!readOnly) {
            props.setProperty("allowLoadLocalInfile", "true");
        }
        props.setProperty("tinyInt1isBit", "true");
        props.setProperty("zeroDateTimeBehavior", "EXCEPTION");
        // strict: a value that does not fit is an error, never truncated. (NO_BACKSLASH_ESCAPES must not be
        // set here: Connector/J escapes backslashes by the sql_mode it saw when connecting)
        String strict = "SET SESSION sql_mode = CONCAT_WS(',', @@sql_mode, 'STRICT_ALL_TABLES', 'NO_AUTO_VALUE_ON_ZERO')";
        return openSession(spec, props, readOnly,
                readOnly ? java.util.List.of(strict, "SET SESSION TRANSACTION READ ONLY") : java.util.List.of(strict));
    }

    @Override
    public boolean isAuthenticationFailure(SQLException e) {
        return e.getErrorCode() == 1045 || e.getErrorCode() == 1698;
    }

    @Override
    public DbferryException explainConnectFailure(SQLException e, ConnectionSpec spec) {
        String where = spec.host() + ":" + spec.port();
        if (isAuthenticationFailure(e)) {
            return new DbferryException(Kind.CONNECTION, "The server at " + where + " refused the login of user '" + spec.user()
                    + "' (wrong password or no such user).",
                    "Check the user and password; give the password with --password-env VAR.", e);
        }
        if (e.getErrorCode() == 1049) {
            return new DbferryException(Kind.CONNECTION, "The server at " + where + " has no database '" + spec.database() + "'.",
                    "Create it first (CREATE DATABASE `" + spec.database() + "` CHARACTER SET utf8mb4) or check the name.", e);
        }
        if ("08S01".equals(e.getSQLState()) || "08001".equals(e.getSQLState())) {
            return new DbferryException(Kind.CONNECTION, "No MySQL/MariaDB server answers at " + where + ".",
                    "Check that the server is running and that host and port are right.", e);
        }
        return new DbferryException(Kind.CONNECTION, "Cannot connect to " + spec.display() + ": " + e.getMessage(), null, e);
    }

    @Override
    public ServerDescription describe(Connection connection, ConnectionSpec spec) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("select version(), @@character_set_database, database()")) {
            rs.next();
            String version = rs.getString(1);
            return new ServerDescription(engine, version.replaceFirst("-.*$", ""), rs.getString(3), rs.getString(2));
        }
    }

    @Override
    public String metadataCatalog(Connection connection) throws SQLException {
        return connection.getCatalog();
    }

    @Override
    public PortableType portableType(int jdbcType, String typeName, int size, int scale) {
        String t = typeName == null ? "" : typeName.toUpperCase(Locale.ROOT);
        if (t.equals("JSON")) {
            return PortableType.JSON;
        }
        if (t.equals("TIMESTAMP")) {
            return PortableType.TIMESTAMP_TZ;
        }
        if (t.equals("YEAR")) {
            return PortableType.INTEGER;
        }
        if ((jdbcType == Types.BIT || jdbcType == Types.BOOLEAN) && size > 1) {
            return PortableType.INTEGER; // BIT(n) is a number of bits
        }
        return byJdbcType(jdbcType);
    }

    /** A date whose year, month or day is zero, as the server writes it ("0000-00-00", "2024-00-15 10:00:00"). */
    private static final Pattern ZERO_DATE = Pattern.compile("(0000-\\d\\d-\\d\\d|\\d{4}-00-\\d\\d|\\d{4}-\\d\\d-00)");

    @Override
    public Object read(ResultSet rs, int index, Column column) throws SQLException {
        if (column.portableType() == PortableType.INTEGER && rs.getObject(index) instanceof java.sql.Date year) {
            // Connector/J returns YEAR as a date (yearIsDateType); the value is the year itself
            return (long) year.toLocalDate().getYear();
        }
        try {
            return readTyped(rs, index, column);
        } catch (SQLException | java.time.DateTimeException e) {
            Optional<String> zero = zeroDate(rs, index, column);
            if (zero.isPresent()) {
                return new io.dbferry.core.model.CarriedValue(io.dbferry.core.model.CarriedValue.Kind.TEXT, zero.get());
            }
            throw e;
        }
    }

    /** A zero date ('0000-00-00', a zero month or day, as sql_mode may let a server store) Connector/J refuses with words that
     * name no column (zeroDateTimeBehavior=EXCEPTION; java.time): carried as the text the server shows, for the import to decide. */
    private static Optional<String> zeroDate(ResultSet rs, int index, Column column) throws SQLException {
        PortableType type = column.portableType();
        if (type != PortableType.DATE && type != PortableType.TIMESTAMP && type != PortableType.TIMESTAMP_TZ) {
            return Optional.empty();
        }
        String raw = rs.getString(index);
        if (raw == null || !ZERO_DATE.matcher(raw).lookingAt()) {
            return Optional.empty();
        }
        return Optional.of(raw);
    }

    @Override
    public void bind(PreparedStatement ps, int index, Object value, Column target) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.NULL);
        } else if (value instanceof Double d) {
            ps.setDouble(index, storable(target, d));
        } else if (value instanceof Long l) {
            ps.setLong(index, l);
        } else if (value instanceof BigInteger i) {
            ps.setBigDecimal(index, new BigDecimal(i));
        } else if (value instanceof BigDecimal d) {
            ps.setBigDecimal(index, d);
        } else if (value instanceof Boolean b) {
            ps.setBoolean(index, b);
        } else if (value instanceof byte[] bytes) {
            ps.setBytes(index, bytes);
        } else if (value instanceof OffsetDateTime t) {
            // the session runs in UTC, so DATETIME and TIMESTAMP both receive UTC wall time
            ps.setString(index, MySqlTemporalText.of(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()));
        } else if (value instanceof LocalDateTime t) {
            ps.setString(index, MySqlTemporalText.of(t)); // as text: see there why
        } else if (value instanceof LocalTime t) {
            ps.setString(index, t.toString());
        } else if (value instanceof LocalDate) {
            ps.setObject(index, value);
        } else {
            ps.setString(index, value.toString());
        }
    }

    /**
     * Connector/J reports DATETIME(6) and TIME(6) with 0 decimal digits and the digits in the column size
     * instead (26 = 19 + point + 6; TIME(6): 15 = 8 + point + 6).
     */
    @Override
    public int fractionalSecondDigits(Column column) {
        if (column.scale() > 0) {
            return Math.min(9, column.scale());
        }
        int whole = switch (column.portableType()) {
            case TIME -> 8;
            case TIMESTAMP, TIMESTAMP_TZ -> 19;
            default -> -1;
        };
        if (whole < 0 || column.size() <= whole + 1) {
            return 0;
        }
        return Math.min(9, column.size() - whole - 1);
    }

    @Override
    public BulkLoader bulkLoader() {
        return new MySqlLoadData(engine == Engine.MARIADB);
    }

    /** A double MySQL keeps exactly, or the refusal: it has no NaN or ±Infinity and turns -0.0 into 0. */
    static double storable(Column target, Double d) {
        if (d.isNaN() || d.isInfinite()) {
            throw new ValueConversionException(target.name(), d, "is " + d + ", which MySQL and MariaDB cannot store");
        }
        if (d == 0.0 && Double.doubleToRawLongBits(d) != 0L) {
            throw new ValueConversionException(target.name(), d, "is -0.0, which MySQL and MariaDB store as 0");
        }
        return d;
    }

    @Override
    public FailureLocation locateFailure(SQLException e, List<Column> columns, Object[] row) {
        return MySqlFailureLocator.locate(e, columns, row);
    }

    @Override
    public io.dbferry.core.dialect.WriterLock tryWriterLock(Connection connection, ConnectionSpec spec, String holder)
            throws SQLException {
        return MySqlWriterLock.take(connection, spec.database());
    }

    @Override
    public io.dbferry.core.dialect.BucketChecksums bucketChecksums() {
        return new MySqlBucketChecksums(engine == Engine.MARIADB);
    }

    @Override
    public io.dbferry.core.dialect.ChangedRows changedRows() {
        return new MySqlChangedRows();
    }

    @Override
    public void setForeignKeyChecks(Connection connection, boolean enabled) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SET SESSION foreign_key_checks = " + (enabled ? 1 : 0));
        }
    }

    @Override
    public java.util.List<String> insertTriggers(Connection connection, String table) throws SQLException {
        return textRows(connection, "select TRIGGER_NAME from information_schema.TRIGGERS "
                + "where EVENT_OBJECT_SCHEMA = database() and EVENT_OBJECT_TABLE = ? and EVENT_MANIPULATION = 'INSERT'", table)
                .stream().map(row -> row[0]).toList();
    }

    @Override
    public io.dbferry.core.dialect.SchemaObjects schemaObjects() {
        return new MySqlSchemaObjects(engine == Engine.MARIADB);
    }

    @Override
    public void resetAutoIncrement(Connection connection, Table table) throws SQLException {
        boolean hasAutoIncrement = table.columns().stream().anyMatch(Column::autoIncrement);
        if (!hasAutoIncrement) {
            return;
        }
        // AUTO_INCREMENT = 1 asks the server for max(key) + 1, never lower than what is stored
        try (Statement st = connection.createStatement()) {
            st.execute("ALTER TABLE " + dsl(connection).render(DSL.name(table.name())) + " AUTO_INCREMENT = 1");
        }
    }

    @Override
    protected String codePointCollation() {
        return "convert({0} using utf8mb4) collate utf8mb4_bin";
    }

    @Override
    protected List<String> snapshotStatements() {
        return List.of("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ",
                "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
    }

    @Override public boolean holdCommits(Connection guard, List<String> t) throws SQLException { MySqlCommitHold.hold(guard, dsl(guard), t); return true; }

    @Override
    public PreparedStatement prepareStreaming(Connection connection, String sql) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        // Connector/J streams row by row only with this exact fetch size
        ps.setFetchSize(Integer.MIN_VALUE);
        return ps;
    }

    // ---- character sets and lengths ----

    /** From information_schema.COLUMNS: the character set of each text column (CHARACTER_SET_NAME). */
    @Override
    public java.util.Map<String, String> characterSets(Connection connection, String table) throws SQLException {
        java.util.Map<String, String> sets = new java.util.LinkedHashMap<>();
        for (String[] row : textRows(connection, "select COLUMN_NAME, CHARACTER_SET_NAME from information_schema.COLUMNS"
                + " where TABLE_SCHEMA = database() and TABLE_NAME = ? and CHARACTER_SET_NAME is not null", table)) {
            sets.put(row[0], row[1]);
        }
        return sets;
    }

    /** MariaDB's JSON: a LONGTEXT column with the check {@code json_valid(`column`)} the server adds itself. */
    @Override
    public java.util.Set<String> jsonColumns(Connection connection, String table) throws SQLException {
        if (engine != Engine.MARIADB) {
            return java.util.Set.of(); // MySQL's JSON is a type of its own, named by the driver
        }
        java.util.Set<String> json = new java.util.HashSet<>();
        for (String[] row : textRows(connection, "select c.COLUMN_NAME, c.DATA_TYPE from information_schema.COLUMNS c"
                + " join information_schema.CHECK_CONSTRAINTS k on k.CONSTRAINT_SCHEMA = c.TABLE_SCHEMA and k.TABLE_NAME = c.TABLE_NAME"
                + " and k.CHECK_CLAUSE = concat('json_valid(`', c.COLUMN_NAME, '`)')"
                + " where c.TABLE_SCHEMA = database() and c.TABLE_NAME = ? and c.DATA_TYPE = 'longtext'", table)) {
            json.add(row[0]);
        }
        return json;
    }

    @Override
    public CharacterSet characterSet(String name) {
        return CharacterSetNames.mysql(name);
    }

    /** CHAR/VARCHAR count characters; the TEXT and BLOB types and (VAR)BINARY count bytes. */
    @Override
    public TextLimit textLimit(Column column) {
        String t = column.typeName() == null ? "" : column.typeName().toUpperCase(Locale.ROOT);
        return switch (t) {
            case "CHAR", "VARCHAR" -> column.size() > 0 ? TextLimit.characters(column.size()) : TextLimit.NONE;
            case "BINARY", "VARBINARY" -> column.size() > 0 ? TextLimit.bytes(column.size()) : TextLimit.NONE;
            case "TINYTEXT", "TINYBLOB" -> TextLimit.bytes(255);
            case "TEXT", "BLOB" -> TextLimit.bytes(65_535);
            case "MEDIUMTEXT", "MEDIUMBLOB" -> TextLimit.bytes(16_777_215);
            case "LONGTEXT", "LONGBLOB" -> TextLimit.bytes(4_294_967_295L);
            default -> TextLimit.NONE;
        };
    }

    @Override
    public String widenCharacterSet(String table, String characterSet) {
        if (characterSet != null && characterSet.equalsIgnoreCase("utf8mb4")) {
            return null;
        }
        return "ALTER TABLE " + quote(table) + " CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci";
    }

    @Override
    public String widenLength(String table, Column column, long needed) {
        String t = column.typeName() == null ? "" : column.typeName().toUpperCase(Locale.ROOT);
        String type;
        if (t.equals("CHAR") || t.equals("VARCHAR")) {
            type = needed <= 16_383 ? "VARCHAR(" + needed + ")" : "MEDIUMTEXT";
        } else if (t.equals("BINARY") || t.equals("VARBINARY")) {
            type = needed <= 65_000 ? "VARBINARY(" + needed + ")" : "MEDIUMBLOB";
        } else if (t.endsWith("TEXT")) {
            type = needed <= 16_777_215 ? "MEDIUMTEXT" : "LONGTEXT";
        } else if (t.endsWith("BLOB")) {
            type = needed <= 16_777_215 ? "MEDIUMBLOB" : "LONGBLOB";
        } else {
            return null;
        }
        String charset = column.characterSet() == null || type.contains("BINARY") || type.contains("BLOB") ? ""
                : " CHARACTER SET " + column.characterSet();
        return "ALTER TABLE " + quote(table) + " MODIFY " + quote(column.name()) + " " + type + charset
                + (column.nullable() ? " NULL" : " NOT NULL") + (column.defaultValue() != null ? " /* restate its DEFAULT */" : "");
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    @Override
    public String columnType(Column source, boolean inKey) {
        return MySqlColumnTypes.columnType(source, inKey);
    }

    @Override
    public io.dbferry.core.dialect.SchemaSql schemaSql() {
        return new MySqlSchemaSql();
    }

    @Override
    public Table withEngineDetails(Connection connection, Table table) throws SQLException {
        return MySqlSchemaDetails.complete(connection, table, engine == Engine.MARIADB);
    }

    @Override
    public java.util.Optional<List<io.dbferry.core.model.ForeignKey>> referencingKeys(Connection connection, String table)
            throws SQLException {
        return java.util.Optional.of(MySqlSchemaDetails.referencingKeys(connection, table));
    }

    @Override
    public String autoIncrementColumn(String quotedName, String type) {
        return quotedName + " " + type + " NOT NULL AUTO_INCREMENT";
    }

    @Override
    public String tableOptions() {
        return " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"; // each text column says how it compares (SchemaSql.collationClause)
    }

    @Override
    public boolean storesNonFiniteDoubles() {
        return false;
    }

    @Override
    public int maxIdentifierLength() {
        return 64;
    }
}
