package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Syntax errors and our own rules point at the file and line that caused them. */
class ParseAndCheckTest {
    static Stream<Arguments> syntaxErrors() {
        return Stream.of(
                Arguments.of("subnet 10.0.0.0 netmask 255.0.0.0 {\n  range 10.0.0.1 10.0.0.9\n}\n", 2, "semicolon expected after 'range 10.0.0.1 10.0.0.9'"),
                Arguments.of("a;\nsubnet 10.0.0.0 netmask 255.0.0.0 {\n pool {\n range 10.0.0.1 10.0.0.2;\n}\n", 2, "this '{' is never closed (the file ends at line 6)"),
                Arguments.of("a;\n}\n", 2, "unexpected '}'"),
                Arguments.of("option domain-name \"x;\ndefault-lease-time 5;\n", 1, "unterminated string"),
                Arguments.of("authoritative\n", 1, "semicolon expected after 'authoritative'"));
    }

    @ParameterizedTest
    @MethodSource("syntaxErrors")
    void syntaxErrorsHaveTheirLine(String text, int line, String message) {
        ConfSyntaxException e = assertThrows(ConfSyntaxException.class, () -> DhcpdConfig.parse("t.conf", text));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.getMessage().startsWith("t.conf line " + line + ": "), e.getMessage());
    }

    @Test
    void aMissingIncludeIsReportedAtTheIncludeStatement() {
        ConfSyntaxException e = assertThrows(ConfSyntaxException.class,
                () -> DhcpdConfig.parse("/etc/dhcp/t.conf", "a;\n\ninclude \"nope.conf\";\n"));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("/etc/dhcp/nope.conf"), e.getMessage());
    }

    @Test
    void theMissingSemicolonFileFailsAtTheRangeLine() {
        ConfSyntaxException e = assertThrows(ConfSyntaxException.class, () -> DhcpdConfig.read(bad("missing-semicolon.conf")));
        assertEquals(25, e.line());
    }

    @Test
    void peersPoolsAndSubnetsAreReadAcrossIncludes() {
        DhcpdConfig c = Corpus.read("includes.conf");
        assertEquals(4, c.files().size());
        PeerDeclaration d = c.peers().get(0);
        assertEquals("pair-a", d.peer().name());
        assertEquals(FailoverRole.PRIMARY, d.peer().role());
        assertEquals(3600, d.peer().mclt());
        assertEquals(null, d.peer().port());
        assertEquals(647, d.peer().effectivePort());
        assertTrue(d.file().endsWith("inc/peers.conf"));
        assertEquals(2, d.line());
        List<AddressPool> pools = c.pools();
        assertEquals(2, pools.size());
        assertEquals("10.60.0.0/24", pools.get(0).subnet());
        assertEquals("pair-a", pools.get(0).failoverPeer());
        assertEquals(List.of(AddressRange.of("10.60.0.10", "10.60.0.100")), pools.get(0).ranges());
        assertEquals(null, pools.get(1).failoverPeer());
        assertEquals(List.of("10.60.0.0/24", "10.61.0.0/24"), c.subnets().stream().map(Subnet::cidr).toList());
    }

    @Test
    void poolsInSharedNetworksAndInlineBlocksAreFound() {
        DhcpdConfig c = Corpus.read("odd-spacing.conf");
        List<AddressPool> pools = c.pools();
        assertEquals(List.of("192.168.10.0/24", "192.168.10.0/24", "shared-network campus"),
                pools.stream().map(AddressPool::subnet).toList());
        assertEquals(13, pools.get(0).line());
        assertEquals(new AddressRange("192.168.10.150", "192.168.10.199", false), pools.get(1).ranges().get(0));
        assertTrue(c.check().stream().noneMatch(p -> p.severity() == ConfProblem.Severity.ERROR), c.check().toString());
    }

    @Test
    void theCorpusHasNoErrorsByOurRules() throws Exception {
        for (Path p : Corpus.mainFiles()) {
            DhcpdConfig c = DhcpdConfig.read(p);
            assertTrue(c.check().stream().noneMatch(x -> x.severity() == ConfProblem.Severity.ERROR), p + ": " + c.check());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "mclt-on-secondary.conf | 16 | only the primary sets the max client lead time",
            "no-role.conf | 8 | choose primary or secondary",
            "split-on-secondary.conf | 16 | only the primary sets the split",
            "primary-no-mclt.conf | 8 | the primary needs a max client lead time",
            "split-300.conf | 17 | must be from 0 to 256",
            "undeclared-peer.conf | 24 | failover peer \"nosuchpeer\" is not declared",
            "range-outside-subnet.conf | 25 | 10.20.0.100 is not in subnet 10.10.0.0/24",
            "no-peer-address.conf | 8 | Peer address: required",
    })
    void ourRulesCatchWhatDhcpdLetsThroughAndSayWhere(String file, int line, String message) throws Exception {
        List<ConfProblem> problems = DhcpdConfig.read(bad(file)).check();
        assertTrue(problems.stream().anyMatch(p -> p.line() == line && p.message().contains(message)
                        && p.severity() == ConfProblem.Severity.ERROR), problems.toString());
    }

    @Test
    void dhcpdItselfLetsMcltOnASecondaryAndAMissingRoleThrough() throws Exception {
        // why the console checks these itself
        assertTrue(RealDhcpd.check(DhcpdConfig.read(bad("mclt-on-secondary.conf"))).ok());
        assertTrue(RealDhcpd.check(DhcpdConfig.read(bad("no-role.conf"))).ok());
        DhcpdSyntaxCheck.Result r = RealDhcpd.check(DhcpdConfig.read(bad("split-on-secondary.conf")));
        assertFalse(r.ok());
        assertEquals(16, r.problems().get(0).line());
        assertTrue(r.problems().get(0).message().contains("secondary may not define load balance settings"), r.problems().toString());
    }

    @Test
    void moreRules() throws Exception {
        String text = """
                failover peer "p" { primary; address 10.0.0.1; peer address 10.0.0.2; max-response-delay 60;
                  max-unacked-updates 10; mclt 3600; split 128; }
                failover peer "p" { secondary; address 10.0.0.1; peer address 10.0.0.2; max-response-delay 60; max-unacked-updates 10; }
                subnet 10.0.0.0 netmask 255.255.255.0 {
                  pool {
                    failover peer "p";
                    range dynamic-bootp 10.0.0.10 10.0.0.20;
                    range 10.0.0.30 10.0.0.21;
                  }
                  failover peer "p";
                }
                """;
        List<ConfProblem> problems = DhcpdConfig.parse("m.conf", text).check();
        assertHas(problems, 3, "declared twice");
        assertHas(problems, 7, "dynamic-bootp is not allowed in a failover pool");
        assertHas(problems, 8, "the first address is above the last");
        assertHas(problems, 10, "a failover peer belongs in a pool, not in a subnet");
    }

    private static void assertHas(List<ConfProblem> problems, int line, String text) {
        assertTrue(problems.stream().anyMatch(p -> p.line() == line && p.message().contains(text)), problems.toString());
    }

    static Path bad(String name) throws Exception {
        return Path.of(ParseAndCheckTest.class.getResource("/isc/bad/" + name).toURI());
    }
}
