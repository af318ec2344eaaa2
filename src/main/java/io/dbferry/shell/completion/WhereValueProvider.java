package io.dbferry.shell.completion;

import io.dbferry.core.session.Side;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.standard.ValueProvider;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Completes {@code --where TABLE:CONDITION}: first the table part, with the colon, then the column names
 * of that table after the colon. Neither is followed by a space: the condition goes on.
 */
@Component
public class WhereValueProvider implements ValueProvider {

    private final TableNameCache cache;

    public WhereValueProvider(TableNameCache cache) {
        this.cache = cache;
    }

    @Override
    public List<CompletionProposal> complete(CompletionContext context) {
        String typed = context.currentWordUpToCursor() == null ? "" : context.currentWordUpToCursor();
        Side side = CompletionContexts.side(context, Side.SOURCE);
        int colon = typed.indexOf(':');
        if (colon < 0) {
            return cache.tables(side).stream().map(t -> new CompletionProposal(t + ":").displayText(t + ":").complete(false)).toList();
        }
        String table = typed.substring(0, colon);
        return cache.columns(side, table).stream()
                .map(c -> new CompletionProposal(table + ":" + c).displayText(c).complete(false)).toList();
    }
}
