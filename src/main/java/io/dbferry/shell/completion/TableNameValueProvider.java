package io.dbferry.shell.completion;

import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.standard.ValueProvider;
import org.springframework.stereotype.Component;

import java.util.List;

/** Completes table names of the side the command works on ({@code --on}, default source). */
@Component
public class TableNameValueProvider implements ValueProvider {

    private final TableNameCache cache;

    public TableNameValueProvider(TableNameCache cache) {
        this.cache = cache;
    }

    @Override
    public List<CompletionProposal> complete(CompletionContext context) {
        return cache.tables(CompletionContexts.side(context)).stream().map(CompletionProposal::new).toList();
    }
}
