package tandem.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.ServerRecord;
import tandem.services.Services;
import tandem.store.Database;
import tandem.store.JdbcInventoryStore;
import tandem.store.SecretCipher;

/** `tandem server list` never prints proxy credentials, in text or JSON. */
class ServerListSecretsTest {
    @TempDir Path data;

    private String run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        List<String> all = new java.util.ArrayList<>(List.of("--data", data.toString()));
        all.addAll(List.of(args));
        int code = TandemCommand.run(all.toArray(String[]::new), d -> fail("no console"), Services::open,
                tandem.app.Launcher.backendCommands(), new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        return out + err.toString();
    }

    @Test
    void proxyCredentialsShowMasked() {
        try (Database db = Database.open(data)) {
            new JdbcInventoryStore(db, SecretCipher.forDataFolder(data)).saveServer(new ServerRecord("kea-a", Backend.KEA,
                    new ConnectionSettings(URI.create("http://10.0.0.1:8000/"),
                            URI.create("http://squid:Pr0xy-pass@proxy.example:3128"), "admin", "pw", null),
                    Instant.parse("2026-01-01T00:00:00Z")), List.of());
        }
        String text = run("server", "list");
        String json = run("server", "list", "--json");

        for (String printed : List.of(text, json)) {
            assertFalse(printed.contains("Pr0xy-pass"), printed);
            assertFalse(printed.contains("squid"), printed);
            assertTrue(printed.contains("http://****@proxy.example:3128"), printed);
        }
        assertTrue(text.contains("kea-a  kea  http://10.0.0.1:8000/  via http://****@proxy.example:3128"), text);
    }
}
