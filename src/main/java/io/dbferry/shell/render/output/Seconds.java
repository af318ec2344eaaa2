package io.dbferry.shell.render.output;

import java.time.Duration;

/** Durations in the JSON output: seconds as a decimal number, to the millisecond. */
final class Seconds {

    private Seconds() {
    }

    static double of(Duration d) {
        return d == null ? 0 : d.toMillis() / 1000.0;
    }

    static double ofMillis(long millis) {
        return millis / 1000.0;
    }
}
