package io.dbferry.shell.completion;

import io.dbferry.core.session.Side;
import org.springframework.shell.CompletionContext;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Table lists of commands that read a dump ({@code import-records -f data.json.gz --tables}): the dump's
 * own tables once {@code -f} names one, else the tables of the side of {@code --on} (default the target,
 * where an import goes).
 */
@Component
public class DumpTableListValueProvider extends TableListValueProvider {

    private final DumpTableCache dumps;

    public DumpTableListValueProvider(TableNameCache cache, DumpTableCache dumps) {
        super(cache, Side.TARGET);
        this.dumps = dumps;
    }

    @Override
    List<String> tables(CompletionContext context) {
        Path file = CompletionContexts.value(context, "-f", "--file").map(HomePaths::expand).map(Path::of).orElse(null);
        if (file != null && Files.isRegularFile(file)) {
            return dumps.tables(file);
        }
        return super.tables(context);
    }
}
