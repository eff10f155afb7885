package tandem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.services.Services;
import tandem.isc.DhcpdConfig;
import tandem.isc.DhcpdSyntaxCheck;

/** {@code tandem isc ...} on local files, with the real dhcpd -t. */
class IscCommandTest {
    @TempDir Path dir;

    record Run(int code, String out, String err) {}

    private Run tandem(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--data", dir.resolve("data").toString()));
        all.addAll(List.of(args));
        int code = TandemCommand.run(all.toArray(String[]::new), d -> fail("no console for a command"), Services::open, tandem.app.Launcher.backendCommands(),
                new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private Path copy(String corpusName) throws Exception {
        Path src = Path.of(getClass().getResource("/isc/corpus/" + corpusName).toURI());
        Path target = dir.resolve(corpusName);
        Files.copy(src, target);
        return target;
    }

    private Path bad(String name) throws Exception {
        return Path.of(getClass().getResource("/isc/bad/" + name).toURI());
    }

    @Test
    void checkPassesAGoodFileAndPrintsEveryProblemOfABadOneWithItsLine() throws Exception {
        requireDhcpd();
        Run ok = tandem("isc", "check", copy("two-peers.conf").toString());
        assertEquals(0, ok.code(), ok.out());
        assertTrue(ok.out().contains("OK (1 file(s), 2 failover peer(s), 4 pool(s))"), ok.out());

        Run mclt = tandem("isc", "check", bad("mclt-on-secondary.conf").toString());
        assertEquals(1, mclt.code());
        assertTrue(mclt.out().contains("mclt-on-secondary.conf line 16: failover peer \"fo-pair\": Max client lead time: only the primary"), mclt.out());

        Run range = tandem("isc", "check", bad("range-outside-subnet.conf").toString());
        assertEquals(1, range.code());
        assertTrue(range.out().contains("line 25: range 10.20.0.100 - 10.20.0.200: 10.20.0.100 is not in subnet 10.10.0.0/24"), range.out());
        assertTrue(range.out().contains("dhcpd -t: bad range, address 10.20.0.100 not in subnet"), range.out());

        Run syntax = tandem("isc", "check", bad("missing-semicolon.conf").toString());
        assertEquals(1, syntax.code());
        assertTrue(syntax.out().contains("missing-semicolon.conf line 25: semicolon expected after 'range 10.10.0.100 10.10.0.200'"), syntax.out());

        Run split = tandem("isc", "check", bad("split-on-secondary.conf").toString());
        assertTrue(split.out().contains("line 16: secondary may not define load balance settings."), split.out());
    }

    @Test
    void addingTheFirstPeerPreviewsThenWritesWithABackup() throws Exception {
        requireDhcpd();
        Path conf = copy("classes-hosts.conf");
        String original = Files.readString(conf);
        Run preview = tandem("isc", "peer", "add", "--file", conf.toString(), "--name", "pxe", "--address", "192.168.50.2",
                "--peer-address", "192.168.50.3", "--for-pool", "1");
        assertEquals(0, preview.code(), preview.err());
        assertTrue(preview.out().contains("Warning: \"pxe\" is the server's first failover peer"), preview.out());
        assertTrue(preview.out().contains("+failover peer \"pxe\" {"), preview.out());
        assertTrue(preview.out().contains("Preview only"), preview.out());
        assertEquals(original, Files.readString(conf), "a preview writes nothing");

        Run unconfirmed = tandem("isc", "peer", "add", "--file", conf.toString(), "--name", "pxe", "--address", "192.168.50.2",
                "--peer-address", "192.168.50.3", "--for-pool", "1", "--apply");
        assertEquals(1, unconfirmed.code());
        assertEquals(original, Files.readString(conf));

        Run applied = tandem("isc", "peer", "add", "--file", conf.toString(), "--name", "pxe", "--address", "192.168.50.2",
                "--peer-address", "192.168.50.3", "--for-pool", "1", "--apply", "--yes");
        assertEquals(0, applied.code(), applied.err());
        DhcpdConfig after = DhcpdConfig.read(conf);
        assertEquals(List.of("pxe", "pxe"), after.pools().stream().map(p -> p.failoverPeer()).toList());
        assertTrue(DhcpdSyntaxCheck.run(DhcpdSyntaxCheck.findDhcpd(), conf).ok());
        try (Stream<Path> s = Files.list(dir)) {
            Path backup = s.filter(p -> p.getFileName().toString().startsWith("classes-hosts.conf.tandem-2")).findFirst().orElseThrow();
            assertEquals(original, Files.readString(backup));
        }

        Run list = tandem("isc", "peer", "list", "--file", conf.toString());
        assertTrue(list.out().startsWith("pxe  primary  192.168.50.2:647 <-> 192.168.50.3:647  pools: 2"), list.out());
    }

    @Test
    void aBadFieldIsReportedAtItsOption() throws Exception {
        Path conf = copy("primary.conf");
        Run r = tandem("isc", "peer", "add", "--file", conf.toString(), "--name", "x", "--address", "10.0.0.1",
                "--peer-address", "10.0.0.2", "--split", "300");
        assertEquals(TandemCommand.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("--split: must be from 0 to 256 (got 300"), r.err());
        Run secondary = tandem("isc", "peer", "edit", "--file", conf.toString(), "fo-pair", "--role", "secondary");
        assertEquals(TandemCommand.EXIT_USAGE, secondary.code());
        assertTrue(secondary.err().contains("--mclt: only the primary sets the max client lead time"), secondary.err());
        Run ok = tandem("isc", "peer", "edit", "--file", conf.toString(), "fo-pair", "--role", "secondary", "--mclt", "", "--split", "");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("-  primary;\n+  secondary;\n"), ok.out());
    }

    @Test
    void removingAPeerAsksWhichPeerWhenTwoOthersAreLeftAndSwitchingWarnsAboutDeletion() throws Exception {
        requireDhcpd();
        Path conf = copy("two-peers.conf");
        assertEquals(0, tandem("isc", "peer", "add", "--file", conf.toString(), "--name", "west", "--address", "10.20.0.1",
                "--peer-address", "10.70.0.2", "--port", "947", "--peer-port", "947", "--for-pool", "4", "--apply").code());
        Run ask = tandem("isc", "peer", "remove", "--file", conf.toString(), "north");
        assertEquals(1, ask.code());
        assertTrue(ask.err().contains("Which failover peer should they refer to instead?\n  south\n  west\n"), ask.err());
        Run moved = tandem("isc", "peer", "remove", "--file", conf.toString(), "north", "--move-to", "west", "--apply");
        assertEquals(0, moved.code(), moved.err());
        assertEquals(List.of("west", "west", "south", "west"), DhcpdConfig.read(conf).pools().stream().map(p -> p.failoverPeer()).toList());

        Run orphan = tandem("isc", "pool", "set-peer", "--file", conf.toString(), "3", "west", "--apply");
        assertEquals(1, orphan.code());
        assertTrue(orphan.out().contains("Warning: Pool 3 is the last address pool referring to failover peer \"south\": changing it will delete \"south\""), orphan.out());
        Run confirmed = tandem("isc", "pool", "set-peer", "--file", conf.toString(), "3", "west", "--apply", "--yes");
        assertEquals(0, confirmed.code(), confirmed.err());
        assertEquals(List.of("west"), DhcpdConfig.read(conf).peerNames());

        Run pools = tandem("isc", "pool", "list", "--file", conf.toString());
        assertTrue(pools.out().contains("3  10.30.0.0/24  10.30.0.100 - 10.30.0.199  peer: west"), pools.out());
    }

    private static void requireDhcpd() {
        if (DhcpdSyntaxCheck.findDhcpd() == null) fail("dhcpd is not installed: install Debian's isc-dhcp-server (src/test/run-all.sh does)");
    }

    @Test
    void migratingASubnetToThePartnerWritesTheMirroredPeerThroughTheSafeWrite() throws Exception {
        requireDhcpd();
        Path primary = copy("primary.conf");
        Path partner = dir.resolve("partner.conf");
        Files.writeString(partner, "# the partner\nauthoritative;\nomapi-port 7911;\n");
        Run preview = tandem("isc", "migrate", "10.10.0.0/24", "--from-file", primary.toString(), "--to-file", partner.toString());
        assertEquals(0, preview.code(), preview.err());
        assertTrue(preview.out().contains("+failover peer \"fo-pair\" {\n+  secondary;\n+  address 10.10.0.3;\n+  port 647;\n+  peer address 10.10.0.2;\n"), preview.out());
        assertTrue(!preview.out().contains("+  mclt"), preview.out());
        Run applied = tandem("isc", "migrate", "10.10.0.0/24", "--from-file", primary.toString(), "--to-file", partner.toString(), "--apply");
        assertEquals(0, applied.code(), applied.err());
        DhcpdConfig written = DhcpdConfig.read(partner);
        assertEquals("fo-pair", written.pools().get(0).failoverPeer());
        assertTrue(DhcpdSyntaxCheck.run(DhcpdSyntaxCheck.findDhcpd(), partner).ok());
        Run again = tandem("isc", "migrate", "10.10.0.0/24", "--from-file", primary.toString(), "--to-file", partner.toString());
        assertTrue(again.out().contains("already has this subnet"), again.out());
        Run unknown = tandem("isc", "migrate", "10.99.0.0/24", "--from-file", primary.toString(), "--to-file", partner.toString());
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("no subnet 10.99.0.0/24"), unknown.err());
    }
}
