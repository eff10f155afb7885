package tandem.kea.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class KnownConfigurationsTest {
    private static final long S = 1_000_000_000L;
    private static final String KEY = "http://127.0.0.1:8000/";

    private static ObjectNode config(String hooks) {
        return (ObjectNode) KeaConfigJson.parse("{\"Dhcp4\":{\"subnet4\":[{\"id\":1,\"subnet\":\"10.0.0.0/24\"}],"
                + "\"hooks-libraries\":[" + hooks + "]}}");
    }

    @Test
    void aConfigurationReadAfterTheLastReconfigurationIsReused() {
        KnownConfigurations known = new KnownConfigurations();
        ObjectNode c = config("{\"library\":\"/usr/lib/kea/hooks/libdhcp_ha.so\"}");
        known.remember(KEY, c, 100 * S);
        // 30 s later the server says it was last reconfigured 10 s ago: after the read
        assertTrue(known.unchanged(KEY, 10L, 130 * S, 130 * S).isEmpty());
        // a restart shows as a small "reload" too (the caller passes the smaller of reload and uptime)
        assertTrue(known.unchanged(KEY, 0L, 130 * S, 130 * S).isEmpty());
        // had it said 40 s ago, that was before the read was sent
        assertEquals(c, known.unchanged(KEY, 40L, 130 * S, 130 * S).orElseThrow());
    }

    @Test
    void withinTheSecondKeaCannotResolveTheConfigurationIsReadAgain() {
        KnownConfigurations known = new KnownConfigurations();
        known.remember(KEY, config(""), 100 * S);
        // "reload": 31 at 130.2 s: Kea's two one-second clock readings put the reconfiguration as late as 100.2 s
        assertTrue(known.unchanged(KEY, 31L, 130 * S + S / 5, 130 * S + S / 5).isEmpty());
        assertTrue(known.unchanged(KEY, 32L, 130 * S + S / 5, 130 * S + S / 5).isPresent());
    }

    @Test
    void nothingIsReusedWithoutAStatusWithoutAReadOrAfterForget() {
        KnownConfigurations known = new KnownConfigurations();
        assertTrue(known.unchanged(KEY, 1950L, 2000 * S, 2000 * S).isEmpty(), "never read");
        known.remember(KEY, config(""), 100 * S);
        assertTrue(known.unchanged(KEY, 1950L, 2000 * S, 2000 * S).isPresent(), "reconfigured at 50 s, read at 100 s");
        assertTrue(known.unchanged(KEY, null, 2000 * S, 2000 * S).isEmpty(), "status-get did not say");
        assertTrue(known.unchanged("http://127.0.0.2:8000/", 1950L, 2000 * S, 2000 * S).isEmpty(), "another server");
        known.forget(KEY);
        assertTrue(known.unchanged(KEY, 1950L, 2000 * S, 2000 * S).isEmpty(), "forgotten before a config-set");
    }

    @Test
    void aServerWhoseHooksChangeTheConfigurationWithoutAReloadIsAlwaysReadAgain() {
        KnownConfigurations known = new KnownConfigurations();
        known.remember(KEY, config("{\"library\":\"/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so\"}"), 100 * S);
        assertTrue(known.unchanged(KEY, 1950L, 2000 * S, 2000 * S).isPresent(), "lease_cmds does not touch the configuration");
        for (String lib : KnownConfigurations.RUNTIME_CONFIG_HOOKS) {
            known.remember(KEY, config("{\"library\":\"/usr/lib/x86_64-linux-gnu/kea/hooks/" + lib + "\"}"), 100 * S);
            assertTrue(known.unchanged(KEY, 1950L, 2000 * S, 2000 * S).isEmpty(), lib);
        }
        ObjectNode backend = config("");
        ((ObjectNode) backend.get("Dhcp4")).putObject("config-control");
        known.remember(KEY, backend, 100 * S);
        assertTrue(known.unchanged(KEY, 1950L, 2000 * S, 2000 * S).isEmpty(), "config-control");
    }

    @Test
    void aConfirmationMovesTheMomentLaterChecksCompareWith() {
        KnownConfigurations known = new KnownConfigurations();
        // read at 101 s, one second after a reconfiguration at 100 s: too close to tell at first...
        known.remember(KEY, config(""), 101 * S);
        assertTrue(known.unchanged(KEY, 3L, 103 * S, 103 * S).isEmpty(), "reconfigured as late as 101 s");
        // ...a check that does tell (reconfigured by 100.5 s at the latest) confirms the read as of its own sending
        assertTrue(known.unchanged(KEY, 4L, 103 * S + S / 2, 103 * S + S / 2).isPresent());
        // so a later reading that Kea's whole seconds put a little later still counts as the same reconfiguration
        assertTrue(known.unchanged(KEY, 5L, 106 * S - S / 10, 106 * S - S / 10).isPresent());
        // a reconfiguration after the confirmation is seen
        assertTrue(known.unchanged(KEY, 1L, 106 * S, 106 * S).isEmpty());
    }

    @Test
    void whatIsReturnedIsACopy() {
        KnownConfigurations known = new KnownConfigurations();
        known.remember(KEY, config(""), 100 * S);
        ObjectNode first = known.unchanged(KEY, 1950L, 2000 * S, 2000 * S).orElseThrow();
        ((ObjectNode) first.get("Dhcp4")).put("valid-lifetime", 1);
        assertTrue(known.unchanged(KEY, 1950L, 2000 * S, 2000 * S).orElseThrow().path("Dhcp4").path("valid-lifetime").isMissingNode());
    }
}
