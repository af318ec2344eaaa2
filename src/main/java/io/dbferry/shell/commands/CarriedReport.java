package io.dbferry.shell.commands;

import io.dbferry.core.transfer.CarriedColumn;
import io.dbferry.core.transfer.ExportResult;
import io.dbferry.shell.render.TextTable;

import java.util.Locale;
import java.util.stream.Collectors;

/** export-records' closing lines: the values carried in their own kind, per table.column, for the import to decide. */
final class CarriedReport {

    private CarriedReport() {
    }

    static String text(ExportResult result) {
        if (result.carried().isEmpty()) {
            return "";
        }
        TextTable table = new TextTable("carried", "values", "kinds", "first keys").alignRight(1);
        for (CarriedColumn c : result.carried()) {
            String kinds = c.kinds().entrySet().stream()
                    .map(e -> TextTable.number(e.getValue()) + " " + e.getKey().name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
            table.row(c.table() + "." + c.column(), TextTable.number(c.count()), kinds, String.join("; ", c.firstKeys()));
        }
        table.footer(String.format("%,d values in %d columns went into the file with their own kind, exactly as the source holds"
                + " them; import-records decides at the target what each becomes.", result.totalCarried(), result.carried().size()));
        String rendered = table.render();
        return (rendered.startsWith("\n") ? "" : "\n") + rendered;
    }
}
