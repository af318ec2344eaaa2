package io.dbferry.shell.completion;

import io.dbferry.core.session.Side;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.standard.ValueProvider;

import java.util.List;

/**
 * Completes each element of a comma-separated list of table names ({@code --tables Album,Inv<Tab>}) from
 * the tables the command reads: those of the side named by {@code --on}, else of the side the subclass
 * names.
 */
abstract class TableListValueProvider implements ValueProvider {

    private final TableNameCache cache;
    private final Side otherwise;

    TableListValueProvider(TableNameCache cache, Side otherwise) {
        this.cache = cache;
        this.otherwise = otherwise;
    }

    @Override
    public List<CompletionProposal> complete(CompletionContext context) {
        String typed = context.currentWordUpToCursor() == null ? "" : context.currentWordUpToCursor();
        return ListCompletions.complete(typed, tables(context));
    }

    List<String> tables(CompletionContext context) {
        return cache.tables(CompletionContexts.side(context, otherwise));
    }
}
