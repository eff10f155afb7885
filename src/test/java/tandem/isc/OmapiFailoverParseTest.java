package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** omshell's answers as dhcpd 4.4 prints them, including the states a starting pair passes through. */
class OmapiFailoverParseTest {
    private static String answer(String local, String partner) {
        return "> > > > obj: failover-state\nname = \"dhcp-failover\"\npartner-address = 0a:c8:00:02\n"
                + "local-state = " + local + "\npartner-state = " + partner + "\nmclt = 00:00:0e:10\n> ";
    }

    @Test
    void aPartnerNotYetHeardFromIsInDhcpdsUnknownState() throws IOException {
        FailoverStatus s = OmapiFailoverClient.parse("dhcp-failover", answer("00:00:00:01", "00:00:00:00"));
        assertEquals(FailoverState.STARTUP, s.local());
        assertEquals(FailoverState.UNKNOWN_STATE, s.partner());
        assertEquals("unknown-state", s.partner().wire());
        assertTrue(!s.normal());
    }

    @Test
    void normalAndRecoverWait() throws IOException {
        assertTrue(OmapiFailoverClient.parse("p", answer("00:00:00:02", "00:00:00:02")).normal());
        assertEquals(FailoverState.RECOVER_WAIT, OmapiFailoverClient.parse("p", answer("00:00:00:fe", "00:00:00:04")).local());
    }

    @Test
    void aNumberNoReleaseDefinesIsReportedAsAnIoProblemNotACrash() {
        IOException e = assertThrows(IOException.class,
                () -> OmapiFailoverClient.parse("p", answer("00:00:00:63", "00:00:00:02")));
        assertTrue(e.getMessage().contains("local-state of 99"), e.getMessage());
        IOException huge = assertThrows(IOException.class,
                () -> OmapiFailoverClient.parse("p", answer("ff:ff:ff:ff:ff", "00:00:00:02")));
        assertTrue(huge.getMessage().contains("an unreadable local-state"), huge.getMessage());
    }
}
