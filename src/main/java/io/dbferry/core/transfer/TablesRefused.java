package io.dbferry.core.transfer;

import io.dbferry.core.encoding.EncodingCheckFailed;
import io.dbferry.core.encoding.EncodingReport;

import java.util.List;

/**
 * The load checked each table as it read it and found values the target would reject or change (kind
 * {@link Kind#ENCODING}): each table holding one was rolled back before its commit, the tables that need it were
 * read and checked but not written, and the others committed. The paragraph lists every problem as the check
 * before a load does, then which tables were committed and which not; {@link #result()} is the load's summary.
 */
public class TablesRefused extends EncodingCheckFailed {

    private final transient ImportResult result;

    /** {@code retry}: the command that finishes after the fix; {@code checkFirst}: the same run writing nothing on a problem. */
    public TablesRefused(ImportResult result, EncodingReport report, String retry, String checkFirst, boolean rejects) {
        super(report, "the tables holding them were rolled back", tablesLine(result), nextStep(retry, checkFirst, rejects));
        this.result = result;
    }

    /**
     * What to run next: the retry after the fix, or the run that checks everything first; {@code rejects}: the command
     * has --rejects (import-records), which sets the rows holding such values aside and loads the rest.
     */
    public static String nextStep(String retry, String checkFirst, boolean rejects) {
        return "Fix the values (each problem's ways through are listed under it" + (rejects ? "; --rejects sets the rows "
                + "holding them aside and loads the rest" : "") + "), then run '" + retry + "' to load only the tables not committed; or run '" + checkFirst
                + "' to check everything first and write nothing while anything is wrong.";
    }

    public ImportResult result() {
        return result;
    }

    /** Which tables committed and which did not, by state. */
    private static String tablesLine(ImportResult result) {
        StringBuilder text = new StringBuilder();
        line(text, "committed", result, TableState.DONE);
        line(text, "rolled back", result, TableState.FAILED);
        line(text, "not written (they need a table rolled back; their rows were checked)", result, TableState.SKIPPED);
        line(text, "not loaded", result, TableState.PENDING);
        return text.toString();
    }

    private static void line(StringBuilder text, String label, ImportResult result, TableState state) {
        List<String> names = result.tables().stream().filter(t -> t.state() == state).map(ImportJournal.Entry::table).toList();
        if (!names.isEmpty()) {
            text.append("  ").append(label).append(": ").append(String.join(", ", names)).append('\n');
        }
    }
}
