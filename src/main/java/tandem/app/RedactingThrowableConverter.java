package tandem.app;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import tandem.core.change.Redaction;

/** {@code %ex} of the log, redacted: an exception's message and its causes' may quote a secret. */
public final class RedactingThrowableConverter extends ThrowableProxyConverter {
    @Override protected String throwableProxyToString(IThrowableProxy proxy) {
        return Redaction.redact(super.throwableProxyToString(proxy));
    }
}
