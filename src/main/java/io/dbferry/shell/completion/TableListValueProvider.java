package io.dbferry.shell.completion;

import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.standard.ValueProvider;

import java.util.List;

/**
 * Completes each element of a comma-separated list of table names ({@code --tables Album,Inv<Tab>}) from
 * the tables the command reads; the subclasses say which those are.
 */
abstract class TableListValueProvider implements ValueProvider {

    @Override
    public List<CompletionProposal> complete(CompletionContext context) {
        String typed = context.currentWordUpToCursor() == null ? "" : context.currentWordUpToCursor();
        return ListCompletions.complete(typed, tables(context));
    }

    abstract List<String> tables(CompletionContext context);
}
