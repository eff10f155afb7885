package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real dhcpd failover pair in two network namespaces: its states as OMAPI reports them, and partner-down. */
class FailoverStatePairTest {
    @TempDir Path dir;

    @Test
    void normalThenCommunicationsInterruptedWhenThePartnerStopsThenPartnerDown() throws Exception {
        try (DhcpdPair pair = DhcpdPair.start(dir)) {
            OmapiKey key = DhcpdConfig.read(pair.configFile(0)).omapiKey().orElseThrow();
            assertEquals(DhcpdPair.PRIMARY_OMAPI_KEY, key, "the key comes from the primary's dhcpd.conf");
            OmapiFailoverClient primary = new OmapiFailoverClient(pair.shell(0), 7911, "omshell", key);
            OmapiFailoverClient secondary = new OmapiFailoverClient(pair.shell(1), 7911);
            FailoverStatus p = await(primary, FailoverStatus::normal, Duration.ofSeconds(90), pair);
            assertEquals(FailoverState.NORMAL, p.local());
            assertTrue(await(secondary, FailoverStatus::normal, Duration.ofSeconds(30), pair).normal());

            IOException unsigned = assertThrows(IOException.class,
                    () -> new OmapiFailoverClient(pair.shell(0), 7911).read(DhcpdPair.PEER));
            assertEquals("dhcpd asks for an OMAPI key (omapi-key), and its dhcpd.conf names none the console can use",
                    unsigned.getMessage());
            OmapiKey stale = new OmapiKey(key.name(), key.algorithm(),
                    java.util.Base64.getEncoder().encodeToString("the key before it was rotated..".getBytes()));
            IOException refused = assertThrows(IOException.class,
                    () -> new OmapiFailoverClient(pair.shell(0), 7911, "omshell", stale).read(DhcpdPair.PEER));
            assertTrue(refused.getMessage().startsWith("dhcpd refused the OMAPI key \"tandem-omapi\" (HMAC-SHA256)"),
                    refused.getMessage());

            IOException unknown = assertThrows(IOException.class, () -> primary.read("no-such-peer"));
            assertTrue(unknown.getMessage().contains("no failover peer \"no-such-peer\""), unknown.getMessage());

            pair.stopServer(1);
            FailoverStatus alone = await(primary, s -> s.local() == FailoverState.COMMUNICATIONS_INTERRUPTED,
                    Duration.ofSeconds(60), pair);
            assertEquals(FailoverState.COMMUNICATIONS_INTERRUPTED, alone.local());
            IOException down = assertThrows(IOException.class, () -> secondary.read(DhcpdPair.PEER));
            assertTrue(down.getMessage().contains("OMAPI did not give the failover state"), down.getMessage());

            FailoverStatus forced = primary.setPartnerDown(DhcpdPair.PEER);
            FailoverStatus after = await(primary, s -> s.local() == FailoverState.PARTNER_DOWN, Duration.ofSeconds(20), pair);
            assertEquals(FailoverState.PARTNER_DOWN, after.local(), "forced: " + forced);
        }
    }

    private static FailoverStatus await(OmapiFailoverClient c, Predicate<FailoverStatus> until, Duration within,
                                        DhcpdPair pair) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        FailoverStatus last = null;
        String lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                last = c.read(DhcpdPair.PEER);
                if (until.test(last)) return last;
            } catch (IOException e) {
                lastError = e.getMessage();
            }
            Thread.sleep(500);
        }
        fail("not reached within " + within.toSeconds() + " s; last " + last + " / " + lastError
                + "\nprimary log:\n" + pair.log(0) + "\nsecondary log:\n" + pair.log(1));
        return null;
    }
}
