package io.dbferry.shell.completion;

import io.dbferry.core.session.Side;
import org.springframework.shell.CompletionContext;
import org.springframework.stereotype.Component;

import java.util.List;

/** Table lists of commands that read the source ({@code export-records --tables}), or the side of {@code --on}. */
@Component
public class SourceTableListValueProvider extends TableListValueProvider {

    private final TableNameCache cache;

    public SourceTableListValueProvider(TableNameCache cache) {
        this.cache = cache;
    }

    @Override
    List<String> tables(CompletionContext context) {
        return cache.tables(CompletionContexts.side(context, Side.SOURCE));
    }
}
