package tandem.app;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import tandem.core.change.Redaction;

/**
 * {@code %msg} of the log, passed through the redaction rule: whatever a log call was given (a server's answer, an
 * exception message quoting a configuration, a URL) is written without its secrets.
 */
public final class RedactingMessageConverter extends MessageConverter {
    @Override public String convert(ILoggingEvent event) {
        return Redaction.redact(super.convert(event));
    }
}
