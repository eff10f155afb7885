package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Removing a shared network: the file before and after (subnets unwrapped where the block was, inherited statements
 * copied, pools moved into their subnet), dhcpd -t on the result, and the refusals.
 */
class SharedNetworkEditsTest {
    /** Compares whole files, showing only where they differ. */
    private static void assertText(String expected, String actual) {
        if (expected.equals(actual)) return;
        List<String> e = List.of(expected.split("\n", -1)), a = List.of(actual.split("\n", -1));
        String diff = String.join("\n", com.github.difflib.UnifiedDiffUtils.generateUnifiedDiff("expected", "actual", e,
                com.github.difflib.DiffUtils.diff(e, a), 2));
        assertEquals(expected, actual, "the files differ:\n" + diff.replace("\r", "\\r"));
    }

    private static final String PATH = "/etc/dhcp/dhcpd.conf";
    private static final String FILE = String.join("\n",
            "option domain-name \"example.org\";",
            "",
            "# the two floors share one wire",
            "shared-network floors {",
            "  option domain-name-servers 10.1.0.53, 10.2.0.53;   # the resolvers",
            "  default-lease-time 1800;",
            "  authoritative;",
            "",
            "  # first floor",
            "  subnet 10.1.0.0 netmask 255.255.255.0 {",
            "    option routers 10.1.0.1;",
            "    pool {",
            "      range 10.1.0.100 10.1.0.199;",
            "    }",
            "  }",
            "  # second floor sets its own lease time",
            "  subnet 10.2.0.0 netmask 255.255.255.0 {",
            "    option routers 10.2.0.1;",
            "    default-lease-time 600;",
            "  }",
            "  # visitors",
            "  pool {",
            "    allow unknown-clients;",
            "    range 10.2.0.100 10.2.0.150;",
            "  }",
            "}",
            "",
            "subnet 10.9.0.0 netmask 255.255.255.0 {",
            "}",
            "");

    private static final String EXPECTED = String.join("\n",
            "option domain-name \"example.org\";",
            "",
            "# the two floors share one wire",
            "",
            "  # first floor",
            "  subnet 10.1.0.0 netmask 255.255.255.0 {",
            "    # from shared-network floors",
            "    option domain-name-servers 10.1.0.53, 10.2.0.53;   # the resolvers",
            "    default-lease-time 1800;",
            "    authoritative;",
            "    option routers 10.1.0.1;",
            "    pool {",
            "      range 10.1.0.100 10.1.0.199;",
            "    }",
            "  }",
            "  # second floor sets its own lease time",
            "  subnet 10.2.0.0 netmask 255.255.255.0 {",
            "    # from shared-network floors",
            "    option domain-name-servers 10.1.0.53, 10.2.0.53;   # the resolvers",
            "    authoritative;",
            "    option routers 10.2.0.1;",
            "    default-lease-time 600;",
            "    # visitors",
            "    pool {",
            "      allow unknown-clients;",
            "      range 10.2.0.100 10.2.0.150;",
            "    }",
            "  }",
            "",
            "subnet 10.9.0.0 netmask 255.255.255.0 {",
            "}",
            "");

    @Test
    void theSubnetsStayWhereTheBlockWasWithWhatTheyInheritedAndItsPool() throws Exception {
        DhcpdConfig c = DhcpdConfig.parse(PATH, FILE);
        RealDhcpd.assertAccepted(c);
        FailoverEdits.Edit e = SharedNetworkEdits.remove(c, "floors");
        assertTrue(e.applicable(), e.problems().toString());
        assertText(EXPECTED, e.after().render().get(PATH));
        RealDhcpd.assertAccepted(e.after());
        assertEquals(c.subnets().stream().map(Subnet::cidr).toList(), e.after().subnets().stream().map(Subnet::cidr).toList());
        assertEquals(List.of("10.1.0.0/24", "10.2.0.0/24"), e.after().pools().stream().map(AddressPool::subnet).toList());
        assertEquals(2, e.change().warnings().size(), e.change().warnings().toString());
    }

    /** A file written on Windows keeps its CR LF line ends, the copied and moved lines too. */
    @Test
    void aCrlfFileKeepsItsLineEnds() throws Exception {
        DhcpdConfig c = DhcpdConfig.parse(PATH, FILE.replace("\n", "\r\n"));
        FailoverEdits.Edit e = SharedNetworkEdits.remove(c, "floors");
        assertText(EXPECTED.replace("\n", "\r\n"), e.after().render().get(PATH));
        RealDhcpd.assertAccepted(e.after());
    }

    @Test
    void aPoolInNoneOfItsSubnetsIsRefusedAndNothingChanges() throws Exception {
        DhcpdConfig c = DhcpdConfig.parse(PATH, FILE.replace("range 10.2.0.100 10.2.0.150;", "range 10.3.0.100 10.3.0.150;"));
        String before = c.render().get(PATH);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SharedNetworkEdits.remove(c, "floors"));
        assertEquals("The pool at line 22 (10.3.0.100 - 10.3.0.150) directly in shared-network floors is in none of its"
                + " subnets: without the shared network it would belong nowhere. Move it into a subnet, or declare the"
                + " subnet of its addresses, in the file first", e.getMessage());
        assertEquals(before, c.render().get(PATH));
        assertThrows(IllegalArgumentException.class, () -> SharedNetworkEdits.remove(c, "attic"));
    }

    @Test
    void aConditionalAtTheSharedNetworksLevelIsRefused() throws Exception {
        DhcpdConfig c = DhcpdConfig.parse(PATH, FILE.replace("  authoritative;\n",
                "  if option vendor-class-identifier = \"PXEClient\" { filename \"pxelinux.0\"; }\n"));
        RealDhcpd.assertAccepted(c);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SharedNetworkEdits.remove(c, "floors"));
        assertTrue(e.getMessage().startsWith("shared-network floors has a \"if\" block at its own level (line 7)"), e.getMessage());
    }

    /** ISC's own example: two pools written directly in the shared network, each moving into its subnet. */
    @Test
    void iscsExampleFile() throws Exception {
        DhcpdConfig c = DhcpdConfig.read(WildCorpusTest.folder().resolve("01-isc-dhcpd-conf-example.conf"));
        String before = c.render().values().iterator().next();
        FailoverEdits.Edit e = SharedNetworkEdits.remove(c, "224-29");
        assertTrue(e.applicable(), e.problems().toString());
        String after = e.after().render().values().iterator().next();
        assertText(before.replace("shared-network 224-29 {\n", "")
                .replace("    option routers rtr-224.example.org;\n  }\n", "    option routers rtr-224.example.org;\n"
                        + "    pool {\n      allow members of \"foo\";\n      range 10.17.224.10 10.17.224.250;\n    }\n  }\n")
                .replace("    option routers rtr-29.example.org;\n  }\n", "    option routers rtr-29.example.org;\n"
                        + "    pool {\n      deny members of \"foo\";\n      range 10.0.29.10 10.0.29.230;\n    }\n  }\n")
                .replace("  pool {\n    allow members of \"foo\";\n    range 10.17.224.10 10.17.224.250;\n  }\n"
                        + "  pool {\n    deny members of \"foo\";\n    range 10.0.29.10 10.0.29.230;\n  }\n}\n", ""), after);
        RealDhcpd.assertAccepted(e.after());
        assertEquals(List.of("10.17.224.0/24", "10.0.29.0/24"),
                e.after().pools().stream().map(AddressPool::subnet).filter(s -> s.startsWith("10.")).toList());
    }

    /** A cluster's file whose shared network holds groups of hosts and no statements of its own. */
    @Test
    void aClustersGroupsOfHostsStayAsTheyAre() throws Exception {
        java.nio.file.Path file = WildCorpusTest.folder().resolve("40-ulhpc-gaia-cluster-336-hosts.conf");
        DhcpdConfig c = DhcpdConfig.read(file);
        String before = ConfText.readLocal(file);
        FailoverEdits.Edit e = SharedNetworkEdits.remove(c, "gaia_cluster_network");
        assertTrue(e.applicable(), e.problems().toString());
        String after = e.after().render().values().iterator().next();
        int open = before.indexOf("shared-network \"gaia_cluster_network\" {\n");
        // the blank lines before the closing brace go with it
        int close = before.lastIndexOf("\n\n\n}\n") + 1;
        assertText(before.substring(0, open) + before.substring(before.indexOf('\n', open) + 1, close), after);
        assertEquals(336, e.after().sites().stream().filter(s -> s.node().isBlock() && s.node().keyword().equals("host")).count());
        RealDhcpd.assertAccepted(e.after());
    }

    /** Odd layout: a comment on the brace's line, a subnet on one line, a pool on one line, a shared option. */
    @Test
    void anOddlySpacedFile() throws Exception {
        DhcpdConfig c = DhcpdConfig.read(Corpus.file("odd-spacing.conf"));
        FailoverEdits.Edit e = SharedNetworkEdits.remove(c, "campus");
        String before = Files.readString(Corpus.file("odd-spacing.conf"));
        String after = e.after().render().values().iterator().next();
        assertText(before.replace("shared-network   \"campus\"   {   # two subnets on one wire\n"
                                + "\toption domain-name \"campus.example.org\";\n",
                        "# two subnets on one wire\n")
                .replace("  {\n      option routers 192.168.10.1;",
                        "  {\n      # from shared-network   \"campus\"\n      option domain-name \"campus.example.org\";\n"
                                + "      option routers 192.168.10.1;")
                .replace("{ option routers 192.168.11.1; range 192.168.11.10 192.168.11.20; }\n"
                                + "  pool { range 192.168.11.100 192.168.11.110; }\n}\n",
                        "{ option domain-name \"campus.example.org\"; option routers 192.168.11.1; range 192.168.11.10"
                                + " 192.168.11.20; pool { range 192.168.11.100 192.168.11.110; } }\n"), after);
        RealDhcpd.assertAccepted(e.after());
    }

    /** A dhcpd -6 shared network: its subnet6 declarations get the same treatment. */
    @Test
    void aDhcpv6SharedNetwork(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String text = Files.readString(IscSubnet6Test.conf()).replace("shared-network lab6 {\n",
                "shared-network lab6 {\n  preferred-lifetime 3600;\n");
        java.nio.file.Path before = dir.resolve("before.conf");
        Files.writeString(before, text);
        IscSubnet6Test.assertAcceptedBy6(before);
        FailoverEdits.Edit e = SharedNetworkEdits.remove(DhcpdConfig.parse(PATH, text), "lab6");
        String after = e.after().render().get(PATH);
        assertText(text.replace("shared-network lab6 {\n  preferred-lifetime 3600;\n", "")
                .replace("  subnet6 2001:db8:1::/64 {\n", "  subnet6 2001:db8:1::/64 {\n    # from shared-network lab6\n"
                        + "    preferred-lifetime 3600;\n")
                .replace("  subnet6 2001:DB8:2:0::/64 {\n", "  subnet6 2001:DB8:2:0::/64 {\n    # from shared-network lab6\n"
                        + "    preferred-lifetime 3600;\n")
                .replace("    }\n  }\n}\n", "    }\n  }\n"), after);
        java.nio.file.Path written = dir.resolve("after.conf");
        Files.writeString(written, after);
        IscSubnet6Test.assertAcceptedBy6(written);
    }
}
