package io.dbferry.shell.completion;

import io.dbferry.core.session.Side;
import org.springframework.stereotype.Component;

/** Table lists of commands that read the source ({@code export-records --tables}), or the side of {@code --on}. */
@Component
public class SourceTableListValueProvider extends TableListValueProvider {

    public SourceTableListValueProvider(TableNameCache cache) {
        super(cache, Side.SOURCE);
    }
}
