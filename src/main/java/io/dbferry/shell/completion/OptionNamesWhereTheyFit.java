package io.dbferry.shell.completion;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.completion.CompletionResolver;
import org.springframework.shell.completion.RegistrationOptionsCompletionResolver;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Spring Shell's default resolver offers a command's option names for every word, so {@code -f <Tab>}
 * listed {@code --exclude --format ...} where a file name goes. This wraps it to offer them only where an
 * option name can stand, not as the value of an option that takes one.
 */
@Component
public class OptionNamesWhereTheyFit implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof RegistrationOptionsCompletionResolver names) {
            return wrap(names);
        }
        return bean;
    }

    static CompletionResolver wrap(CompletionResolver names) {
        return context -> Slot.at(context).kind() == Slot.Kind.OPTION_VALUE ? List.<CompletionProposal>of() : names.apply(context);
    }
}
