package tandem.isc;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The diff shown, printed and audited for a dhcpd.conf edit never shows a key's secret, not even as context. */
class ConfigChangeRedactionTest {
    private static final String PATH = "/etc/dhcp/dhcpd.conf";
    private static final String SECRET = "bWFzdGVyLXNlY3JldC1vbWFwaQ==";

    @Test
    void anOmapiKeySecretNextToAnEditShowsMaskedAsContext() {
        String before = """
                omapi-port 7911;
                key omapi_key {
                  algorithm hmac-md5;
                  secret "%s";
                }
                omapi-key omapi_key;
                default-lease-time 600;
                """.formatted(SECRET);
        String after = before.replace("default-lease-time 600;", "default-lease-time 900;");
        ConfigChange change = new ConfigChange(PATH, Map.of(PATH, before), Map.of(PATH, after), List.of());

        String diff = change.unifiedDiff();

        assertFalse(diff.contains(SECRET), diff);
        assertTrue(diff.contains("   secret ****;\n"), "the secret line stays as context, masked: " + diff);
        assertTrue(diff.contains("-default-lease-time 600;\n+default-lease-time 900;\n"), diff);
        assertEquals(after, change.after().get(PATH), "what is written keeps the secret");
        assertEquals("dhcpd.conf change on dhcp1 (dhcpd restarts): " + PATH + " +1 -1",
                IscWriteJob.describe(new IscLocation("dhcp1", null, PATH, null, null, null), change));
    }
}
