package tandem.app;

import static org.junit.jupiter.api.Assertions.*;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/** The product's log configuration writes every message and stack trace through the redaction rule. */
class LogRedactionTest {
    @TempDir Path dir;

    @Test
    void aConfigurationOrUrlLoggedByAnyCallShowsNoSecret() throws Exception {
        // the main logback.xml, not the tests' logback-test.xml
        URL config = Path.of("src/main/resources/logback.xml").toUri().toURL();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        context.putProperty("tandem.log.dir", dir.toString());
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        joran.doConfigure(config);
        try {
            Logger log = context.getLogger("tandem.kea.Example");
            log.info("config-get answered {}", "{\"lease-database\": {\"type\": \"mysql\", \"password\": \"lease-db-pw\"}}");
            log.warn("unreachable through http://squid:Pr0xy-pass@proxy.example:3128");
            log.error("dhcpd refused the file", new IllegalStateException("line 4: secret \"b21hcGktc2VjcmV0\";",
                    new RuntimeException("\"basic-auth-password\": \"ha-basic-pw\"")));
        } finally {
            context.stop();
        }
        String written = Files.readString(dir.resolve("tandem.log"));
        for (String secret : new String[] {"lease-db-pw", "Pr0xy-pass", "b21hcGktc2VjcmV0", "ha-basic-pw"}) {
            assertFalse(written.contains(secret), secret + " is in the log:\n" + written);
        }
        assertTrue(written.contains("\"password\": \"****\""), written);
        assertTrue(written.contains("http://****@proxy.example:3128"), written);
        assertTrue(written.contains("java.lang.IllegalStateException: line 4: secret ****;"), "stack traces stay: " + written);
        assertTrue(written.contains("at tandem.app.LogRedactionTest"), written);
    }
}
