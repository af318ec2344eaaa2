package io.dbferry.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import io.dbferry.core.session.ConnectionUrls;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/** The log's stack traces with password-like parts masked: a driver's exception message may quote its URL. */
public final class MaskedThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return ConnectionUrls.redact(super.throwableProxyToString(proxy));
    }
}
