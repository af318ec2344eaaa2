package io.dbferry.shell.completion;

import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.standard.ValueProvider;
import org.springframework.stereotype.Component;

import java.util.List;

/** Completes {@code source} and {@code target}. */
@Component
public class SideValueProvider implements ValueProvider {

    @Override
    public List<CompletionProposal> complete(CompletionContext context) {
        return List.of(new CompletionProposal("source"), new CompletionProposal("target"));
    }
}
