package io.dbferry.shell.progress;

import io.dbferry.core.progress.ProgressListener;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What a live progress view shows, kept apart from the drawing so it can be tested: each table's
 * state, rows done of rows expected, rows/s and ETA; the whole operation's share done, ETA, elapsed
 * time and the errors so far. Updated from the worker thread, read from the drawing thread.
 */
public final class ProgressBoard implements ProgressListener {

    public enum State {
        WAITING, RUNNING, DONE, FAILED, SKIPPED, CANCELLED;

        String label() {
            return name().toLowerCase();
        }
    }

    private static final class Row {
        final String table;
        long expected = -1;
        long rows;
        State state = State.WAITING;
        long startedNanos;
        long movedNanos;
        long endedNanos;
        String reason;

        Row(String table) {
            this.table = table;
        }
    }

    /** How long a running table may show no new rows before its line says it waits. */
    static final long STALLED_SECONDS = 10;

    private final String title;
    private final String cancelHint;
    private final LongSupplier clock;
    private final long startedNanos;
    private long firstTableNanos = -1;
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private int errors;
    private boolean cancelling;

    /** {@code cancelHint}: what the footer says Ctrl-C does for this operation. */
    public ProgressBoard(String title, String cancelHint) {
        this(title, cancelHint, System::nanoTime);
    }

    ProgressBoard(String title, String cancelHint, LongSupplier clock) {
        this.title = title;
        this.cancelHint = cancelHint;
        this.clock = clock;
        this.startedNanos = clock.getAsLong();
    }

    @Override
    public synchronized void planned(List<String> tables, Map<String, Long> expectedRows) {
        for (String t : tables) {
            row(t).expected = expectedRows.getOrDefault(t, -1L);
        }
    }

    @Override
    public synchronized void tableStarted(String table, long expectedRows) {
        Row r = row(table);
        if (expectedRows >= 0) {
            r.expected = expectedRows;
        }
        r.rows = 0;
        r.state = State.RUNNING;
        r.startedNanos = clock.getAsLong();
        r.movedNanos = r.startedNanos;
        if (firstTableNanos < 0) {
            firstTableNanos = r.startedNanos;
        }
    }

    @Override
    public synchronized void rowsDone(String table, long done) {
        Row r = row(table);
        if (done != r.rows) {
            r.movedNanos = clock.getAsLong();
        }
        r.rows = done;
    }

    @Override
    public synchronized void tableFinished(String table, long done) {
        Row r = row(table);
        r.rows = done;
        r.state = State.DONE;
        r.endedNanos = clock.getAsLong();
        if (r.expected < 0) {
            r.expected = done;
        }
    }

    @Override
    public synchronized void tableFailed(String table, String reason) {
        Row r = row(table);
        boolean skipped = reason != null && reason.startsWith("skipped");
        boolean cancelled = reason != null && reason.contains("cancelled");
        r.state = cancelled ? State.CANCELLED : skipped ? State.SKIPPED : State.FAILED;
        r.reason = cancelled ? (skipped ? "not started" : "rolled back") : reason;
        r.endedNanos = clock.getAsLong();
        if (!skipped) {
            r.rows = 0; // rolled back
        }
        if (r.state == State.FAILED) {
            errors++;
        }
    }

    /** Shown in the footer once Ctrl-C was pressed. */
    public synchronized void cancelling() {
        cancelling = true;
    }

    private Row row(String table) {
        return rows.computeIfAbsent(table, Row::new);
    }

    public synchronized int errors() {
        return errors;
    }

    /** The screen's lines for a terminal {@code width} columns wide and {@code height} lines high. */
    public synchronized List<String> render(int width, int height) {
        long now = clock.getAsLong();
        width = Math.max(width, 40);
        height = Math.max(height, 6);
        List<String> lines = new ArrayList<>();
        double elapsed = (now - startedNanos) / 1e9;
        lines.add(fit("dbferry " + title, "elapsed " + duration(elapsed) + "   errors " + errors, width));
        lines.add("");

        int nameWidth = Math.min(Math.max(5, rows.keySet().stream().mapToInt(String::length).max().orElse(5)), Math.max(12, width / 4));
        int barWidth = Math.max(5, Math.min(30, width - nameWidth - 64));
        String header = String.format("%-" + nameWidth + "s  %25s  %-" + (barWidth + 2) + "s %4s  %9s  %7s  %s",
                "table", "rows done of expected", "", "", "rows/s", "ETA", "state");
        lines.add(cut(header, width));

        List<Row> all = new ArrayList<>(rows.values());
        int room = height - lines.size() - 4; // overall bar, blank, footer
        int first = 0;
        if (all.size() > room) {
            int running = 0;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).state == State.RUNNING || all.get(i).state == State.WAITING) {
                    running = i;
                    break;
                }
                running = i;
            }
            first = Math.max(0, Math.min(running - room / 3, all.size() - room));
        }
        int shown = Math.min(all.size() - first, Math.max(room, 0));
        for (int i = first; i < first + shown; i++) {
            lines.add(cut(tableLine(all.get(i), nameWidth, barWidth, now), width));
        }
        if (shown < all.size()) {
            lines.add(cut(String.format("  (tables %d-%d of %d)", first + 1, first + shown, all.size()), width));
        }

        long expectedTotal = 0;
        long doneTotal = 0;
        long processed = 0; // rows done, and the rows of failed and skipped tables: no work left there
        boolean allKnown = true;
        int finished = 0;
        for (Row r : all) {
            if (r.expected < 0) {
                allKnown = false;
            } else {
                expectedTotal += r.expected;
            }
            doneTotal += r.rows;
            processed += r.state == State.SKIPPED || r.state == State.FAILED || r.state == State.CANCELLED
                    ? Math.max(r.expected, 0) : r.rows;
            if (r.state != State.WAITING && r.state != State.RUNNING) {
                finished++;
            }
        }
        lines.add("");
        String overall;
        int overallBar = Math.max(10, Math.min(30, width - 90));
        if (allKnown && expectedTotal > 0) {
            double share = Math.min(1.0, processed / (double) expectedTotal);
            double working = firstTableNanos < 0 ? 0 : (now - firstTableNanos) / 1e9; // not the checks before the first table
            double rate = working > 0 ? processed / working : 0;
            String eta = rate > 0 && share < 1 ? duration((expectedTotal - processed) / rate) : "-";
            overall = String.format("overall  %s %3.0f%%  %s of %s rows  %d of %d tables  ETA %s  elapsed %s",
                    bar(share, overallBar), share * 100, number(doneTotal), number(expectedTotal), finished, all.size(), eta,
                    duration(elapsed));
        } else {
            double share = all.isEmpty() ? 0 : finished / (double) all.size();
            overall = String.format("overall  %s %3.0f%%  %d of %d tables  %s rows  elapsed %s", bar(share, overallBar),
                    share * 100, finished, all.size(), number(doneTotal), duration(elapsed));
        }
        lines.add(cut(overall, width));
        lines.add(cut(cancelling ? "Cancelling: rolling back the table in flight ..."
                : cancelHint, width));
        return lines;
    }

    private String tableLine(Row r, int nameWidth, int barWidth, long now) {
        String done = r.expected >= 0 ? number(r.rows) + " of " + number(r.expected) : number(r.rows);
        String barText = "";
        String percent = "";
        if (r.expected > 0) {
            double share = Math.min(1.0, r.rows / (double) r.expected);
            barText = bar(share, barWidth);
            percent = String.format("%3.0f%%", share * 100);
        } else if (r.state == State.DONE || r.expected == 0) {
            barText = bar(1.0, barWidth);
            percent = "100%";
        } else {
            barText = " ".repeat(barWidth + 2);
        }
        String rate = "";
        String eta = "";
        if (r.state == State.RUNNING || r.state == State.DONE) {
            long end = r.state == State.DONE ? r.endedNanos : now;
            double seconds = (end - r.startedNanos) / 1e9;
            if (seconds > 0.05 && r.rows > 0) {
                double perSecond = r.rows / seconds;
                rate = number(Math.round(perSecond));
                if (r.state == State.RUNNING && r.expected > r.rows) {
                    eta = duration((r.expected - r.rows) / perSecond);
                }
            }
        }
        String state = r.state.label() + (r.reason != null && r.state != State.DONE ? ": " + r.reason : "");
        long still = r.state == State.RUNNING ? (now - r.movedNanos) / 1_000_000_000L : 0;
        if (still >= STALLED_SECONDS) {
            // rows stop moving when the server stops taking them; the import's --server-timeout ends the wait
            state += ", no rows for " + duration(still) + " (waiting for the server)";
        }
        return String.format("%-" + nameWidth + "s  %25s  %s %4s  %9s  %7s  %s", cut(r.table, nameWidth), done, barText,
                percent, rate, eta, state);
    }

    static String bar(double share, int width) {
        int full = (int) Math.round(share * width);
        return "[" + "#".repeat(full) + ".".repeat(width - full) + "]";
    }

    static String number(long n) {
        return String.format("%,d", n);
    }

    static String duration(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
    }

    private static String fit(String left, String right, int width) {
        int gap = width - left.length() - right.length();
        return gap >= 2 ? left + " ".repeat(gap) + right : cut(left + "  " + right, width);
    }

    private static String cut(String s, int width) {
        return s.length() <= width ? s : s.substring(0, Math.max(0, width - 1)) + "…";
    }
}
