package io.dbferry.shell.terminal;

import io.dbferry.core.session.ConnectionUrls;
import org.jline.reader.impl.history.DefaultHistory;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * The shell history ({@code ~/.dbferry/history}) with any password-like part of a line (a URL's
 * {@code user:secret@}, a password property in any driver's form, {@code --password VALUE}) replaced by
 * stars before it is kept or saved, by the same {@link ConnectionUrls#redact} as every other echo.
 */
@Component
public class RedactingHistory extends DefaultHistory {

    @Override
    public void add(Instant time, String line) {
        super.add(time, ConnectionUrls.redact(line));
    }
}
