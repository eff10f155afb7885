package tandem.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackendModeNameTest {
    private static Relationship rel(Backend b, HaMode m) {
        return new Relationship("r", "s", b, m, List.of(new PeerDefinition("a", PeerRole.PRIMARY, URI.create("ssh://a"), false)),
                false, null);
    }

    @Test
    void windowsSaysLoadBalanceWhereKeaSaysLoadBalancing() {
        assertEquals("load-balance", rel(Backend.WINDOWS, HaMode.LOAD_BALANCING).modeName());
        assertEquals("hot-standby", rel(Backend.WINDOWS, HaMode.HOT_STANDBY).modeName());
        assertEquals("load-balancing", rel(Backend.KEA, HaMode.LOAD_BALANCING).modeName());
        assertEquals("load-balancing", rel(Backend.ISC, HaMode.LOAD_BALANCING).modeName());
    }

    @Test
    void windowsIsAKnownBackend() {
        assertEquals(Backend.WINDOWS, Backend.fromWire("windows"));
    }
}
