package io.dbferry.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.dbferry.core.session.ConnectionUrls;

/**
 * The log's {@code %m}: every message with its password-like parts masked, whatever logged it (a driver, Flyway,
 * dbferry), so masking does not depend on each call site remembering to.
 */
public final class MaskedMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return ConnectionUrls.redact(super.convert(event));
    }
}
