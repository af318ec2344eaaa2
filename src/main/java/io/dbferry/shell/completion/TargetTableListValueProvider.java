package io.dbferry.shell.completion;

import io.dbferry.core.session.Side;
import org.springframework.stereotype.Component;

/** Table lists of commands that read the target ({@code verify --tables}). */
@Component
public class TargetTableListValueProvider extends TableListValueProvider {

    public TargetTableListValueProvider(TableNameCache cache) {
        super(cache, Side.TARGET);
    }
}
