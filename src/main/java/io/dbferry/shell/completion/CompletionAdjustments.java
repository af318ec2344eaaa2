package io.dbferry.shell.completion;

import org.jline.reader.Parser;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.completion.CompletionResolver;
import org.springframework.shell.completion.RegistrationOptionsCompletionResolver;
import org.springframework.shell.jline.ExtendedDefaultParser;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Adjusts two of Spring Shell's own beans, which it defines unconditionally (so they cannot simply be
 * replaced): its option-name resolver offered a command's option names for every word, so {@code -f
 * <Tab>} listed {@code --exclude --format ...} where a file name goes, and now offers them only where an
 * option name can stand; its parser is wrapped by {@link CompletingParser} so proposals with spaces
 * are inserted escaped.
 */
@Component
public class CompletionAdjustments implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof RegistrationOptionsCompletionResolver names) {
            return optionNamesWhereTheyFit(names);
        }
        if (bean instanceof ExtendedDefaultParser parser) {
            return (Parser) new CompletingParser(parser);
        }
        return bean;
    }

    static CompletionResolver optionNamesWhereTheyFit(CompletionResolver names) {
        return context -> Slot.at(context).kind() == Slot.Kind.OPTION_VALUE ? List.<CompletionProposal>of() : names.apply(context);
    }
}
