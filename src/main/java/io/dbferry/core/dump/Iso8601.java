package io.dbferry.core.dump;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * ISO-8601 text of dates and times, exactly as {@link DateTimeFormatter#ISO_LOCAL_DATE},
 * {@code ISO_LOCAL_TIME}, {@code ISO_LOCAL_DATE_TIME} and {@code ISO_OFFSET_DATE_TIME} write and
 * read it, but without their generic machinery, which was a quarter of an export's CPU. The usual
 * shapes take a direct path; anything else (years beyond 0-9999, unusual offsets, text the fast
 * path does not recognise) goes to the JDK formatter, so results and errors stay the JDK's own.
 */
public final class Iso8601 {

    private Iso8601() {
    }

    public static String format(LocalDate date) {
        byte[] out = new byte[10];
        return appendDate(out, 0, date) < 0 ? DateTimeFormatter.ISO_LOCAL_DATE.format(date) : ascii(out, 10);
    }

    public static String format(LocalTime time) {
        byte[] out = new byte[18];
        return ascii(out, appendTime(out, 0, time));
    }

    public static String format(LocalDateTime dateTime) {
        byte[] out = new byte[29];
        int end = appendDateTime(out, 0, dateTime);
        return end < 0 ? DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(dateTime) : ascii(out, end);
    }

    public static String format(OffsetDateTime dateTime) {
        byte[] out = new byte[29];
        int end = appendDateTime(out, 0, dateTime.toLocalDateTime());
        return end < 0 ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(dateTime) : ascii(out, end) + dateTime.getOffset().getId();
    }

    /**
     * Writes the ISO_LOCAL_DATE text into {@code out} at {@code at} (10 bytes), returning the end,
     * or -1 for a year outside 0-9999, which the caller formats the slow way.
     */
    public static int appendDate(byte[] out, int at, LocalDate date) {
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return -1;
        }
        digits(out, at, year, 4);
        out[at + 4] = '-';
        digits(out, at + 5, date.getMonthValue(), 2);
        out[at + 7] = '-';
        digits(out, at + 8, date.getDayOfMonth(), 2);
        return at + 10;
    }

    /** Writes the ISO_LOCAL_TIME text (8 to 18 bytes): seconds always, the fraction without trailing zeros. */
    public static int appendTime(byte[] out, int at, LocalTime time) {
        digits(out, at, time.getHour(), 2);
        out[at + 2] = ':';
        digits(out, at + 3, time.getMinute(), 2);
        out[at + 5] = ':';
        digits(out, at + 6, time.getSecond(), 2);
        int end = at + 8;
        int nano = time.getNano();
        if (nano != 0) {
            int width = 9;
            while (nano % 10 == 0) {
                nano /= 10;
                width--;
            }
            out[end] = '.';
            digits(out, end + 1, nano, width);
            end += 1 + width;
        }
        return end;
    }

    /** Writes the ISO_LOCAL_DATE_TIME text (up to 29 bytes), or returns -1 as {@link #appendDate} does. */
    public static int appendDateTime(byte[] out, int at, LocalDateTime dateTime) {
        int end = appendDate(out, at, dateTime.toLocalDate());
        if (end < 0) {
            return -1;
        }
        out[end] = 'T';
        return appendTime(out, end + 1, dateTime.toLocalTime());
    }

    public static LocalDate parseDate(CharSequence text) {
        LocalDate date = text.length() == 10 ? date(text, 0) : null;
        return date != null ? date : LocalDate.parse(text);
    }

    public static LocalTime parseTime(CharSequence text) {
        LocalTime time = time(text, 0, text.length());
        return time != null ? time : LocalTime.parse(text);
    }

    public static LocalDateTime parseDateTime(CharSequence text) {
        LocalDateTime dateTime = dateTime(text, 0, text.length(), 'T');
        return dateTime != null ? dateTime : LocalDateTime.parse(text);
    }

    public static OffsetDateTime parseOffsetDateTime(CharSequence text) {
        int n = text.length();
        OffsetDateTime result = null;
        if (n > 0 && text.charAt(n - 1) == 'Z') {
            LocalDateTime local = dateTime(text, 0, n - 1, 'T');
            result = local == null ? null : OffsetDateTime.of(local, ZoneOffset.UTC);
        } else if (n > 6 && (text.charAt(n - 6) == '+' || text.charAt(n - 6) == '-') && text.charAt(n - 3) == ':') {
            LocalDateTime local = dateTime(text, 0, n - 6, 'T');
            int hours = number(text, n - 5, 2);
            int minutes = number(text, n - 2, 2);
            if (local != null && hours >= 0 && minutes >= 0) {
                int sign = text.charAt(n - 6) == '-' ? -1 : 1;
                try {
                    result = OffsetDateTime.of(local, ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes));
                } catch (DateTimeException e) {
                    result = null;
                }
            }
        }
        return result != null ? result : OffsetDateTime.parse(text);
    }

    /**
     * Whether {@code text}, which {@link #parseLocalTimestampOrNull} took with a {@code ' '} separator, is exactly how
     * {@link #appendTime} writes it back, by its shape alone (formatting it again to compare was a seventh of an
     * export's reading thread): the parser takes only ASCII digits of fixed widths, so it is when it has the seconds
     * and a fraction, if any, ends in a digit other than 0.
     */
    public static boolean isWrittenForm(CharSequence text) {
        int n = text.length();
        return n == 19 || n >= 21 && text.charAt(n - 1) != '0';
    }

    /**
     * {@code yyyy-MM-dd}, then optionally a separator ({@code 'T'} or {@code ' '}) and
     * {@code HH:mm[:ss[.fraction]]}, with no offset; null when the text has another shape, for the
     * caller's own, more lenient parser.
     */
    public static LocalDateTime parseLocalTimestampOrNull(CharSequence text) {
        int n = text.length();
        if (n == 10) {
            LocalDate date = date(text, 0);
            return date == null ? null : date.atStartOfDay();
        }
        if (n < 16) {
            return null;
        }
        char separator = text.charAt(10);
        return separator == 'T' || separator == ' ' ? dateTime(text, 0, n, separator) : null;
    }

    // ---------------------------------------------------------------- the fast paths; null means "not this shape"

    private static LocalDateTime dateTime(CharSequence text, int from, int to, char separator) {
        if (to - from < 16 || text.charAt(from + 10) != separator) {
            return null;
        }
        LocalDate date = date(text, from);
        LocalTime time = date == null ? null : time(text, from + 11, to);
        return time == null ? null : LocalDateTime.of(date, time);
    }

    private static LocalDate date(CharSequence text, int from) {
        if (text.length() < from + 10 || text.charAt(from + 4) != '-' || text.charAt(from + 7) != '-') {
            return null;
        }
        int year = number(text, from, 4);
        int month = number(text, from + 5, 2);
        int day = number(text, from + 8, 2);
        if (year < 0 || month < 0 || day < 0) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static LocalTime time(CharSequence text, int from, int to) {
        int n = to - from;
        if (n != 5 && n < 8 || n == 9 || n > 18 || text.charAt(from + 2) != ':') {
            return null;
        }
        int hour = number(text, from, 2);
        int minute = number(text, from + 3, 2);
        int second = 0;
        int nano = 0;
        if (n >= 8) {
            if (text.charAt(from + 5) != ':') {
                return null;
            }
            second = number(text, from + 6, 2);
            if (n > 8) {
                if (text.charAt(from + 8) != '.') {
                    return null;
                }
                int width = n - 9;
                nano = number(text, from + 9, width);
                for (int i = width; i < 9 && nano >= 0; i++) {
                    nano *= 10;
                }
            }
        }
        if (hour < 0 || minute < 0 || second < 0 || nano < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        return LocalTime.of(hour, minute, second, nano);
    }

    /** The value of {@code width} ASCII digits, or -1 if one of them is not a digit. */
    private static int number(CharSequence text, int from, int width) {
        int value = 0;
        for (int i = from; i < from + width; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /**
     * The decimal digits of {@code value} written at {@code at} (room for 20 bytes needed), returning
     * the end; -1 for Long.MIN_VALUE, which has no positive counterpart. Shared by the writers of
     * ASCII text (the row checksum, COPY and LOAD DATA lines), which need it without a String.
     */
    public static int appendLong(byte[] out, int at, long value) {
        if (value == Long.MIN_VALUE) {
            return -1;
        }
        if (value < 0) {
            out[at++] = '-';
            value = -value;
        }
        int width = 1;
        for (long rest = value / 10; rest != 0; rest /= 10) {
            width++;
        }
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }

    private static void digits(byte[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    private static String ascii(byte[] bytes, int length) {
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }
}
