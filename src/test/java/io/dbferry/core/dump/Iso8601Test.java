package io.dbferry.core.dump;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Iso8601 must write and read exactly what the JDK's ISO formatters write and read. */
class Iso8601Test {

    @Test
    void writesWhatTheJdkFormattersWrite() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            int year = i % 100 == 0 ? -5 + random.nextInt(20_010) : random.nextInt(10_000);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            LocalDateTime t = LocalDateTime.of(year, 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(24), random.nextInt(60), random.nextInt(60), nano);
            OffsetDateTime o = t.atOffset(ZoneOffset.ofTotalSeconds((random.nextInt(37) - 18) * 900 + (i % 50 == 0 ? 7 : 0)));
            assertThat(Iso8601.format(t.toLocalDate())).isEqualTo(DateTimeFormatter.ISO_LOCAL_DATE.format(t));
            assertThat(Iso8601.format(t.toLocalTime())).isEqualTo(DateTimeFormatter.ISO_LOCAL_TIME.format(t));
            assertThat(Iso8601.format(t)).isEqualTo(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t));
            assertThat(Iso8601.format(o)).isEqualTo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(o));

            assertThat(Iso8601.parseDate(Iso8601.format(t.toLocalDate()))).isEqualTo(t.toLocalDate());
            assertThat(Iso8601.parseTime(Iso8601.format(t.toLocalTime()))).isEqualTo(t.toLocalTime());
            assertThat(Iso8601.parseDateTime(Iso8601.format(t))).isEqualTo(t);
            assertThat(Iso8601.parseOffsetDateTime(Iso8601.format(o))).isEqualTo(o);
        }
    }

    @Test
    void readsWhatTheJdkReadsAndRefusesWhatItRefuses() {
        String[] good = {"2024-02-29T10:15", "2024-02-29T10:15:30.5", "0000-01-01T00:00:00.000000001", "+12024-01-01T00:00:00",
                "2024-01-01T10:00:00.000", "2024-01-01T10:00:00."};
        for (String text : good) {
            assertThat(Iso8601.parseDateTime(text)).isEqualTo(LocalDateTime.parse(text));
        }
        String[] offsets = {"2024-01-01T10:00:00Z", "2024-01-01T10:00:00-00:30", "2024-01-01T10:00:00+14:00",
                "2024-01-01T10:00:00+05:30:15", "2024-01-01T10:00:00z"};
        for (String text : offsets) {
            assertThat(Iso8601.parseOffsetDateTime(text)).isEqualTo(OffsetDateTime.parse(text));
        }
        String[] bad = {"2023-02-29T10:00:00", "2024-13-01T10:00:00", "2024-01-01T24:00:00", "2024-01-01T10:60:00",
                "2024-01-01T10:00:60", "2024-01-01 10:00:00", "2024-01-01T10:00:00.1234567890",
                "2024-1-01T10:00:00", "２０２４-01-01T10:00:00", "2024-01-01T1a:00:00"};
        for (String text : bad) {
            assertThatThrownBy(() -> Iso8601.parseDateTime(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
        assertThatThrownBy(() -> Iso8601.parseOffsetDateTime("2024-01-01T10:00:00+19:00")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Iso8601.parseDate("2024-02-30")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Iso8601.parseTime("7:00")).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void theLenientShapesOfStoredTimestamps() {
        assertThat(Iso8601.parseLocalTimestampOrNull("2024-01-31 12:00:00")).isEqualTo(LocalDateTime.of(2024, 1, 31, 12, 0));
        assertThat(Iso8601.parseLocalTimestampOrNull("2024-01-31T12:00:00.123")).isEqualTo(LocalDateTime.of(2024, 1, 31, 12, 0, 0, 123_000_000));
        assertThat(Iso8601.parseLocalTimestampOrNull("2024-01-31")).isEqualTo(LocalDate.of(2024, 1, 31).atStartOfDay());
        assertThat(Iso8601.parseLocalTimestampOrNull("2024-01-31 12:00")).isEqualTo(LocalDate.of(2024, 1, 31).atTime(LocalTime.NOON));
        assertThat(Iso8601.parseLocalTimestampOrNull("2024-01-31 12:00:00+02:00")).isNull();
        assertThat(Iso8601.parseLocalTimestampOrNull("2024-02-30 12:00:00")).isNull();
        assertThat(Iso8601.parseLocalTimestampOrNull(" 2024-01-31")).isNull();
    }
}
