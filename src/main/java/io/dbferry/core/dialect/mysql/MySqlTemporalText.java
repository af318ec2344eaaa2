package io.dbferry.core.dialect.mysql;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A date-time bound as text (Connector/J takes MariaDB, "5.5.5-10.x", for MySQL 5.5 and would drop fractional
 * seconds): to the microsecond, the most a DATETIME(6) holds, unless there is a finer part. Nine digits always would
 * do for an INSERT, but in a WHERE MariaDB then compares them with no row: a sync's update or delete by such a key
 * found nothing.
 */
final class MySqlTemporalText {

    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter NANOS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS");

    private MySqlTemporalText() {
    }

    static String of(LocalDateTime t) {
        return (t.getNano() % 1000 == 0 ? MICROS : NANOS).format(t);
    }
}
