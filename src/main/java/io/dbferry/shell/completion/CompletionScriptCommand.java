package io.dbferry.shell.completion;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.shell.command.CommandCatalog;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.shell.command.CommandRegistration.OptionArity;

/**
 * {@code completion-script bash|zsh}: prints the completion script for bin/dbferry, generated from the
 * commands themselves. Hidden from {@code help}; {@code completions/} holds its output.
 */
@Configuration(proxyBeanMethods = false)
public class CompletionScriptCommand {

    @Bean
    public CommandRegistration completionScriptRegistration(ObjectProvider<CommandCatalog> catalog) {
        return CommandRegistration.builder()
                .command("completion-script")
                .group("Other")
                .description("Print the bash or zsh completion script for bin/dbferry. Example: completion-script bash")
                .hidden()
                .withOption()
                    .longNames("shell")
                    .position(0)
                    .arity(OptionArity.EXACTLY_ONE)
                    .required()
                    .description("bash or zsh")
                    .and()
                .withTarget()
                    .function(ctx -> CompletionScripts.of(catalog.getObject()).script(ctx.getOptionValue("shell")))
                    .and()
                .build();
    }
}
