package tandem.kea;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeaVersionTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void versionFromTextAndExtendedFromArguments() throws Exception {
        KeaReply.Success reply = new KeaReply.Success(0, "2.2.0",
                json.readTree("{ \"extended\": \"2.2.0\\ntarball\\nlinked with:\\nlog4cplus 2.0.8\\n\" }"));

        KeaVersion v = KeaVersion.from(reply);
        assertEquals("2.2.0", v.version());
        assertEquals(2, v.major());
        assertEquals(2, v.minor());
        assertEquals(0, v.patch());
        assertTrue(v.extended().contains("log4cplus"));
        assertTrue(v.atLeast(2, 2));
        assertFalse(v.atLeast(2, 4));
        assertTrue(v.atLeast(1, 9));
    }

    @Test
    void versionFromArgumentsAloneOrNothing() throws Exception {
        KeaVersion v = KeaVersion.from(json.readTree("{ \"extended\": \"3.0.1-isc20250101\\ntarball\" }"));
        assertEquals("3.0.1-isc20250101", v.version());
        assertTrue(v.atLeast(3, 0));

        KeaVersion none = KeaVersion.from(null, null);
        assertNull(none.version());
        assertEquals(-1, none.major());
        assertFalse(none.atLeast(0, 0));
    }

    @Test
    void commandList() throws Exception {
        KeaCommandList list = KeaCommandList.from(json.readTree("[ \"config-get\", \"ha-heartbeat\", \"status-get\" ]"));
        assertTrue(list.supports("config-get"));
        assertFalse(list.supports("lease4-get-all"));
        assertTrue(list.hasHaHook());
        assertTrue(KeaCommandList.from(null).commands().isEmpty());
    }
}
