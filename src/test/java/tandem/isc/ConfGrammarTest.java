package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The grammar real files use parses: option definitions of every type (records included) and hba on a peer. */
class ConfGrammarTest {
    /** dhcp-options(5): every kind of option definition, each as dhcpd accepts it. */
    private static final String OPTION_DEFINITIONS = """
            option space foo;
            option foo.flag code 1 = boolean;
            option foo.pair code 2 = { boolean, unsigned integer 8 };
            option foo.tsp code 3 = {integer 8, ip-address};
            option foo.retry code 4 = { unsigned integer 32, unsigned integer 32, unsigned integer 32 };
            option foo.list code 5 = array of ip-address;
            option foo.tail code 6 = { unsigned integer 32, array of boolean };
            option foo.names code 7 = domain-list compressed;
            option foo.one code 8 = { ip-address };
            option foo.text code 9 = text;
            option foo.empty code 10 = zerolen;
            option foo-encapsulation code 122 = encapsulate foo;
            option tftp-servers code 150 = array of ip-address;
            option foo.pair true 7;
            option foo.list 10.0.0.1, 10.0.0.2;
            subnet 10.0.0.0 netmask 255.255.255.0 {
              option foo.tsp 1 10.0.0.5;
              pool {
                range 10.0.0.10 10.0.0.20;
              }
            }
            """;

    @Test
    void optionDefinitionsWithRecordTypesParseAndDhcpdAgrees() throws Exception {
        DhcpdConfig c = DhcpdConfig.parse("/etc/dhcp/dhcpd.conf", OPTION_DEFINITIONS);
        assertEquals(OPTION_DEFINITIONS, c.render().get("/etc/dhcp/dhcpd.conf"));
        assertEquals(1, c.pools().size(), "the record braces open no block");
        assertEquals(List.of("10.0.0.0/24"), c.subnets().stream().map(Subnet::cidr).toList());
        ConfNode pair = c.document("/etc/dhcp/dhcpd.conf").root.children.get(2);
        assertFalse(pair.isBlock());
        assertEquals("option foo.pair code 2 = { boolean, unsigned integer 8 }", pair.headerWords());
        assertTrue(c.check().stream().noneMatch(p -> p.severity() == ConfProblem.Severity.ERROR), c.check().toString());
        RealDhcpd.assertAccepted(c);
    }

    @Test
    void anEditNextToRecordTypesKeepsThemByteForByte() throws Exception {
        DhcpdConfig c = DhcpdConfig.parse("/etc/dhcp/dhcpd.conf", OPTION_DEFINITIONS);
        FailoverEdits.Edit e = FailoverEdits.addPeer(c, FailoverPeer.suggestedPrimary("pair", "10.0.0.2", "10.0.0.3"), 1);
        assertTrue(e.applicable(), e.problems().toString());
        ConfEncodingTest.assertOriginalLinesKept(ConfText.toBytes(OPTION_DEFINITIONS),
                ConfText.toBytes(e.after().render().get("/etc/dhcp/dhcpd.conf")));
        RealDhcpd.assertAccepted(e.after());
    }

    private static final String HBA = "ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:\n"
            + "      00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00";

    private static String hbaPeer(String role, String extra) {
        return "failover peer \"hba-pair\" {\n  " + role + ";\n  address 10.5.0.1;\n  peer address 10.5.0.2;\n"
                + "  max-response-delay 60;\n  max-unacked-updates 10;\n" + extra + "  load balance max seconds 3;\n}\n"
                + "subnet 10.5.0.0 netmask 255.255.255.0 {\n  pool {\n    failover peer \"hba-pair\";\n"
                + "    range 10.5.0.10 10.5.0.99;\n  }\n}\n";
    }

    @Test
    void aPrimaryWithHbaInsteadOfSplitPassesOurRulesAndDhcpd() throws Exception {
        DhcpdConfig c = DhcpdConfig.parse("/etc/dhcp/dhcpd.conf", hbaPeer("primary", "  mclt 3600;\n  hba " + HBA + ";\n"));
        PeerDeclaration d = c.peers().get(0);
        assertEquals(null, d.peer().split());
        assertTrue(d.hba().startsWith("ff:ff"), d.hba());
        assertEquals(8, d.hbaLine());
        assertTrue(c.check().stream().noneMatch(p -> p.severity() == ConfProblem.Severity.ERROR), c.check().toString());
        RealDhcpd.assertAccepted(c);
        // an edit of the peer keeps the hba statement and asks for no split
        FailoverPeer changed = new FailoverPeer("hba-pair", FailoverRole.PRIMARY, "10.5.0.1", null, "10.5.0.2", null, 30, 10,
                3600, null, 3);
        FailoverEdits.Edit e = FailoverEdits.editPeer(c, "hba-pair", changed);
        assertTrue(e.applicable(), e.problems().toString());
        assertTrue(e.after().render().get("/etc/dhcp/dhcpd.conf").contains("  hba " + HBA + ";\n"));
        assertEquals(1, e.change().unifiedDiff().lines().filter(l -> l.startsWith("+") && !l.startsWith("+++")).count(),
                e.change().unifiedDiff());
        RealDhcpd.assertAccepted(e.after());
    }

    @Test
    void hbaOnASecondaryWithSplitOrOfTheWrongLengthIsAnErrorAtItsLine() throws Exception {
        List<ConfProblem> secondary = DhcpdConfig.parse("s.conf", hbaPeer("secondary", "  hba " + HBA + ";\n")).check();
        assertHas(secondary, 7, "hba: only the primary sets the hba");
        assertFalse(RealDhcpd.check(DhcpdConfig.parse("/tmp/s.conf", hbaPeer("secondary", "  hba " + HBA + ";\n"))).ok(),
                "dhcpd agrees: a secondary may not define load balance settings");
        List<ConfProblem> both = DhcpdConfig.parse("b.conf", hbaPeer("primary", "  mclt 3600;\n  split 128;\n  hba " + HBA + ";\n")).check();
        assertHas(both, 9, "use split or hba, not both");
        List<ConfProblem> shortHba = DhcpdConfig.parse("h.conf", hbaPeer("primary", "  mclt 3600;\n  hba ff:00;\n")).check();
        assertHas(shortHba, 8, "must be 32 colon-separated hexadecimal bytes");
        List<ConfProblem> neither = DhcpdConfig.parse("n.conf", hbaPeer("primary", "  mclt 3600;\n")).check();
        assertHas(neither, 1, "the primary needs a split");
    }

    private static void assertHas(List<ConfProblem> problems, int line, String text) {
        assertTrue(problems.stream().anyMatch(p -> p.line() == line && p.message().contains(text)
                && p.severity() == ConfProblem.Severity.ERROR), problems.toString());
    }
}
