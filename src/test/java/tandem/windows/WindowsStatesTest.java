package tandem.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tandem.core.HaMode;

class WindowsStatesTest {
    private static final WindowsStates S = WindowsStates.VOCABULARY;

    /** Every State string of the CIM class (reference §3), in FSM order, and its wire form. */
    private static final Map<String, String> WIRED = new LinkedHashMap<>();

    static {
        WIRED.put("NoState", "no-state");
        WIRED.put("Init", "init");
        WIRED.put("Startup", "startup");
        WIRED.put("Normal", "normal");
        WIRED.put("CommunicationInterrupted", "communication-interrupted");
        WIRED.put("PartnerDown", "partner-down");
        WIRED.put("PotentialConflict", "potential-conflict");
        WIRED.put("ConflictDone", "conflict-done");
        WIRED.put("ResolutionInterrupted", "resolution-interrupted");
        WIRED.put("Recover", "recover");
        WIRED.put("RecoverWait", "recover-wait");
        WIRED.put("RecoverDone", "recover-done");
    }

    @Test
    void everyDocumentedStateWiresLowerCaseWithDashesAndHasAMeaning() {
        WIRED.forEach((windows, wire) -> {
            assertEquals(wire, WindowsStates.wire(windows), windows);
            assertEquals(wire, WindowsStates.wire(wire), "already wired: " + wire);
            assertNotNull(S.meaning(wire), wire);
            assertEquals(S.meaning(wire), S.meaning(windows), windows);
        });
    }

    @Test
    void unknownNamesWireGenerically() {
        assertEquals("paused", WindowsStates.wire("Paused"));
        assertEquals("some-future-state2", WindowsStates.wire("SomeFutureState2"));
        assertEquals("state-after2-x", WindowsStates.wire("StateAfter2X"));
        assertEquals("dhcp-state", WindowsStates.wire("DHCPState"));
        assertEquals("partner-down", WindowsStates.wire(" Partner Down "));
        assertEquals("", WindowsStates.wire(""));
        assertNull(WindowsStates.wire(null));
        assertNull(S.meaning("SomeFutureState"));
        assertNull(S.meaning(null));
    }

    @Test
    void onlyNormalIsNormal() {
        WIRED.forEach((windows, wire) -> {
            assertEquals(wire.equals("normal"), S.isNormal(wire), wire);
            assertEquals(wire.equals("normal"), S.isNormal(windows), windows);
        });
        assertFalse(S.isNormal(null));
        assertFalse(S.isNormal("load-balancing"));
    }

    @Test
    void activeAreTheStatesThatServeOnTheirOwnAuthority() {
        List<String> active = List.of("normal", "communication-interrupted", "partner-down", "conflict-done",
                "resolution-interrupted");
        WIRED.forEach((windows, wire) -> assertEquals(active.contains(wire), S.isActive(wire), wire));
        assertTrue(S.isActive("PartnerDown"));
        assertFalse(S.isActive("RecoverWait"));
        assertFalse(S.isActive("SomeFutureState"), "an unknown state is not trusted as the source of truth");
        assertFalse(S.isActive(null));
        assertFalse(S.handsOver("partner-down"));
    }

    @Test
    void meaningsSayWhoServes() {
        assertEquals("partner unreachable; renews the partner's clients for MCLT only, new leases from its own pool",
                S.meaning("communication-interrupted"));
        assertEquals("serves all clients alone; owns the whole pool after MCLT", S.meaning("PartnerDown"));
    }

    @Test
    void modeNames() {
        assertEquals("load-balance", WindowsStates.modeName("LoadBalance"));
        assertEquals("hot-standby", WindowsStates.modeName("HotStandby"));
        assertEquals("load-balance", WindowsStates.modeName("load-balance"));
        assertEquals("some-new-mode", WindowsStates.modeName("SomeNewMode"));
        assertEquals(FailoverMode.HOT_STANDBY, FailoverMode.parse("hotstandby"));
        assertEquals(HaMode.LOAD_BALANCING, FailoverMode.parse("LoadBalance").haMode());
        assertNull(FailoverMode.parse("split-scope"));
        assertNull(FailoverMode.parse(null));
    }
}
