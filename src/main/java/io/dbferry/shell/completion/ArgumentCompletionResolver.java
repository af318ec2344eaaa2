package io.dbferry.shell.completion;

import io.dbferry.core.session.ConnectionRequest;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.command.CommandOption;
import org.springframework.shell.completion.CompletionResolver;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Completes the values Spring Shell leaves alone: positional arguments ({@code describe Trac<Tab>}, with
 * the parameter's value provider; Spring Shell completes a value only right after its option's name),
 * and the values of options that declare no value provider, by what their name says ({@link ValueKind}):
 * files after {@code -f}, folders after {@code --media}, {@code text|json} after {@code --format}, URLs
 * for {@code connect}.
 */
@Component
public class ArgumentCompletionResolver implements CompletionResolver {

    private final Session session;

    public ArgumentCompletionResolver(Session session) {
        this.session = session;
    }

    @Override
    public List<CompletionProposal> apply(CompletionContext context) {
        Slot slot = Slot.at(context);
        CommandOption option = slot.option();
        if (option == null || slot.kind() == Slot.Kind.OPTION_NAME || slot.kind() == Slot.Kind.UNKNOWN) {
            return List.of();
        }
        if (option.getCompletion() != null) {
            // Spring Shell applies a named option's own provider itself; a positional's it leaves to us
            return slot.kind() == Slot.Kind.POSITIONAL ? option.getCompletion().apply(context.commandOption(option)) : List.of();
        }
        String typed = context.currentWordUpToCursor() == null ? "" : context.currentWordUpToCursor();
        ValueKind kind = ValueKind.of(option);
        return switch (kind) {
            case FILE -> PathCompletions.complete("", typed, false);
            case FOLDER -> PathCompletions.complete("", typed, true);
            case URL -> urls(context, typed);
            case NONE -> List.of();
            default -> kind.isList() ? ListCompletions.complete(typed, kind.words()) : kind.words().stream().map(CompletionProposal::new).toList();
        };
    }

    private List<CompletionProposal> urls(CompletionContext context, String typed) {
        for (String prefix : UrlForms.filePrefixes()) {
            if (typed.startsWith(prefix)) {
                return PathCompletions.complete(prefix, typed.substring(prefix.length()), false);
            }
        }
        List<CompletionProposal> proposals = new ArrayList<>();
        if (context.getWordIndex() > 0) {
            // the URL dbferry.yml gives this side ("connect source" alone would use it too)
            Side side = CompletionContexts.parseSide(context.getWords().get(0));
            session.configured(side).map(ConnectionRequest::url).ifPresent(url -> proposals.add(new CompletionProposal(url)
                    .description("the " + side.label() + " in dbferry.yml")));
        }
        (typed.startsWith(UrlForms.JDBC) ? UrlForms.jdbcForms() : UrlForms.forms())
                .forEach(form -> proposals.add(new CompletionProposal(form).complete(false)));
        return proposals;
    }
}
