package io.dbferry.shell.terminal;

import io.dbferry.core.session.ConnectionUrls;
import org.jline.reader.impl.history.DefaultHistory;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * The shell history ({@code ~/.dbferry/history}) with any password someone typed into a URL or a
 * {@code password=} parameter replaced by stars before it is kept or saved.
 */
@Component
public class RedactingHistory extends DefaultHistory {

    @Override
    public void add(Instant time, String line) {
        super.add(time, ConnectionUrls.redact(line));
    }
}
