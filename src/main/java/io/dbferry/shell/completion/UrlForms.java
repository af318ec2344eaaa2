package io.dbferry.shell.completion;

import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.dialect.Dialects;
import io.dbferry.core.dialect.UrlForm;

import java.util.ArrayList;
import java.util.List;

/**
 * The beginnings of the URLs {@code connect} reads, as the registered dialects give them: each scheme up
 * to where the operator goes on ({@code mysql://}, and for a database that is a file, its scheme and colon,
 * after which a path follows), and the same after {@code jdbc:}.
 */
final class UrlForms {

    static final String JDBC = "jdbc:";

    private UrlForms() {
    }

    /** Every scheme's beginning, then {@code jdbc:}. */
    static List<String> forms() {
        List<String> forms = new ArrayList<>();
        for (Dialect dialect : Dialects.registered()) {
            UrlForm form = dialect.urlForm();
            form.schemes().forEach(scheme -> forms.add(scheme + (form.file() ? ":" : "://")));
        }
        forms.add(JDBC);
        return forms;
    }

    /** Every scheme's beginning after {@code jdbc:}. */
    static List<String> jdbcForms() {
        return forms().stream().filter(f -> !f.equals(JDBC)).map(f -> JDBC + f).toList();
    }

    /** The beginnings after which a file's path follows ({@code jdbc:} ones first, as they are the longer). */
    static List<String> filePrefixes() {
        List<String> plain = new ArrayList<>();
        for (Dialect dialect : Dialects.registered()) {
            if (dialect.urlForm().file()) {
                dialect.urlForm().schemes().forEach(scheme -> plain.add(scheme + ":"));
            }
        }
        List<String> prefixes = new ArrayList<>(plain.stream().map(p -> JDBC + p).toList());
        prefixes.addAll(plain);
        return prefixes;
    }
}
