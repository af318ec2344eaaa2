package io.dbferry.shell.commands;

import io.dbferry.core.transfer.ImportJournal;
import io.dbferry.core.transfer.ImportResult;
import io.dbferry.core.transfer.TableState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The import and copy summary: a table whose rows were not counted beforehand shows "-", never -1. */
class ImportSummaryTextTest {

    @Test
    void anUncountedTableShowsADashAndACountedOneItsCount() {
        ImportResult result = new ImportResult(null, List.of(
                new ImportJournal.Entry("InvoiceLine", TableState.DONE, 1200, 1200, 0.1, null, null, null),
                new ImportJournal.Entry("Invoice", TableState.DONE, -1, 3, 0.1, null, null, null)), List.of(), Duration.ofSeconds(1));
        String text = RecordCommands.renderImport(result);
        assertThat(text).doesNotContain("-1").containsPattern("InvoiceLine\\s+1,200\\s+1,200").containsPattern("Invoice\\s+-\\s+3\\s");
    }
}
