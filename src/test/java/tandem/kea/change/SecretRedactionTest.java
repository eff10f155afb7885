package tandem.kea.change;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * A Kea configuration's secrets (lease-database and hosts-database passwords, the HA basic-auth-password) never show
 * in the diff shown before a change nor in the outside-change sentence of the event history, log and watch.
 */
class SecretRedactionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String CONFIG = """
            {"Dhcp4": {
              "lease-database": {"type": "mysql", "name": "kea", "user": "kea", "password": "lease-db-pw-1"},
              "hosts-database": {"type": "mysql", "name": "kea", "user": "kea", "password": "hosts-db-pw-1"},
              "valid-lifetime": 3600,
              "hooks-libraries": [{"library": "/usr/lib/kea/hooks/libdhcp_ha.so", "parameters": {
                "high-availability": [{"this-server-name": "server1", "mode": "hot-standby",
                  "peers": [{"name": "server1", "url": "http://10.0.0.1:8000/", "role": "primary",
                             "basic-auth-user": "ha", "basic-auth-password": "ha-basic-pw-1"},
                            {"name": "server2", "url": "http://10.0.0.2:8000/", "role": "standby",
                             "basic-auth-user": "ha", "basic-auth-password": "ha-basic-pw-1"}]}]}}],
              "subnet4": [{"id": 1, "subnet": "10.0.0.0/24"}]
            }}""";

    @Test
    void theDiffOfAChangeNearTheSecretsShowsThemMasked() throws Exception {
        ObjectNode before = (ObjectNode) JSON.readTree(CONFIG);
        ObjectNode after = before.deepCopy();
        ((ObjectNode) after.get("Dhcp4")).put("valid-lifetime", 600);
        ((ObjectNode) after.at("/Dhcp4/lease-database")).put("password", "lease-db-pw-2");

        String diff = ConfigDiff.unified("server1", before, after);

        for (String secret : new String[] {"lease-db-pw-1", "lease-db-pw-2", "hosts-db-pw-1", "ha-basic-pw-1"}) {
            assertFalse(diff.contains(secret), secret + " shows in\n" + diff);
        }
        assertTrue(diff.contains("\"password\" : \"****\""), diff);
        assertTrue(diff.contains("-    \"valid-lifetime\" : 3600"), diff);
        assertTrue(diff.contains("\"user\" : \"kea\""), "what is no secret stays: " + diff);
    }

    @Test
    void anOutsideChangeOfAPasswordSaysSoWithoutEitherValue() throws Exception {
        var before = JSON.readTree(CONFIG);
        var after = JSON.readTree(CONFIG.replace("ha-basic-pw-1", "ha-basic-pw-2").replace("hosts-db-pw-1", "hosts-db-pw-2"));
        var added = JSON.readTree(CONFIG.replace("\"valid-lifetime\": 3600,",
                "\"valid-lifetime\": 3600, \"dhcp-ddns\": {\"tsig-keys\": [{\"name\": \"k\", \"secret\": \"tsig-secret-1\"}]},"));

        String changed = OutsideChange.summary(before, after);
        String addedSummary = OutsideChange.summary(before, added);

        assertTrue(changed.contains("Dhcp4.hosts-database.password changed"), changed);
        assertTrue(changed.contains("basic-auth-password changed"), changed);
        assertFalse(changed.matches("(?s).*(pw-1|pw-2).*"), changed);
        assertTrue(addedSummary.startsWith("Dhcp4.dhcp-ddns added: "), addedSummary);
        assertFalse(addedSummary.contains("tsig-secret-1"), addedSummary);
    }
}
