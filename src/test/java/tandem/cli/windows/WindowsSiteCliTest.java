package tandem.cli.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.windows.sim.WindowsLab;

/**
 * Where servers stand, from the command line: {@code server add windows --site}, {@code server set-site},
 * {@code server list} and {@code status --site}, against two simulated branch pairs reached over real SSH.
 */
class WindowsSiteCliTest {
    @TempDir Path dir;
    WindowsLab lab;
    WindowsCli cli;

    @BeforeEach
    void lab() throws Exception {
        lab = WindowsLab.start(dir.resolve("lab"), "north1", "north2", "south1", "south2");
        cli = new WindowsCli(dir.resolve("data"), lab);
        failover("north1", "north2", "fo-north", "10.1.0");
        failover("south1", "south2", "fo-south", "10.2.0");
    }

    private void failover(String server, String partner, String name, String net) {
        assertEquals(0, lab.ps(server, "Add-DhcpServerv4Scope -Name s -StartRange " + net + ".10 -EndRange " + net
                + ".200 -SubnetMask 255.255.255.0").exitCode());
        assertEquals(0, lab.ps(server, "Add-DhcpServerv4Failover -Name " + name + " -PartnerServer " + partner
                + " -ScopeId " + net + ".0").exitCode());
    }

    @AfterEach
    void stop() { lab.close(); }

    private WindowsCli.Run add(String name, String... more) {
        WindowsLab.Server s = lab.server(name);
        List<String> args = new ArrayList<>(List.of("server", "add", "windows", "--ssh", s.login(), "--password-file",
                s.passwordFile().toString(), "--accept-host-key", s.hostKeyFingerprint(), "--name", name));
        args.addAll(List.of(more));
        return cli.tandem(args.toArray(String[]::new));
    }

    private JsonNode listed(String server) {
        WindowsCli.Run list = cli.tandem("server", "list", "--json");
        assertEquals(0, list.code(), list.toString());
        for (JsonNode n : list.json().path("servers")) if (n.path("name").asText().equals(server)) return n;
        throw new AssertionError(server + " not listed: " + list);
    }

    @Test
    void aSiteGivenWhenAddingIsListedKeptAndChanged() {
        WindowsCli.Run added = add("north1", "--site", "  Branch North  ");
        assertEquals(0, added.code(), added.toString());
        assertTrue(added.out().contains("Site: Branch North"), added.out());
        assertEquals("Branch North", listed("north1").path("site").asText());

        // the same server again is refused, and its site stays what it was
        WindowsCli.Run again = add("north1", "--site", "Elsewhere");
        assertEquals(1, again.code(), again.toString());
        assertEquals("Branch North", listed("north1").path("site").asText());

        assertEquals(0, add("south1").code());
        assertTrue(listed("south1").has("site"));
        assertTrue(listed("south1").path("site").isNull(), listed("south1").toString());
        WindowsCli.Run text = cli.tandem("server", "list");
        assertTrue(text.out().contains("north1  windows  ") && text.out().contains("site: Branch North"), text.out());

        WindowsCli.Run set = cli.tandem("server", "set-site", "south1", "Branch South");
        assertEquals(0, set.code(), set.toString());
        assertEquals("Branch South", listed("south1").path("site").asText());
        WindowsCli.Run only = cli.tandem("server", "list", "--site", "branch south");
        assertTrue(only.out().contains("south1") && !only.out().contains("north1"), only.out());

        WindowsCli.Run cleared = cli.tandem("server", "set-site", "south1");
        assertEquals(0, cleared.code(), cleared.toString());
        assertTrue(listed("south1").path("site").isNull());

        WindowsCli.Run unknown = cli.tandem("server", "set-site", "nowhere1", "X");
        assertEquals(1, unknown.code(), unknown.toString());
        assertTrue(unknown.err().contains("No server named nowhere1"), unknown.err());
    }

    @Test
    void aBadSiteExits64NamingTheArgumentAndChangesNothing() {
        String tooLong = "b".repeat(256);
        WindowsCli.Run addBad = add("north1", "--site", "Branch\nNorth");
        assertEquals(64, addBad.code(), addBad.toString());
        assertTrue(addBad.err().contains("--site:"), addBad.err());
        assertEquals(0, cli.tandem("server", "list", "--json").json().path("servers").size(), "nothing was added");

        assertEquals(0, add("north1", "--site", "Branch North").code());
        WindowsCli.Run setBad = cli.tandem("server", "set-site", "north1", tooLong);
        assertEquals(64, setBad.code(), setBad.toString());
        assertTrue(setBad.err().contains("SITE:") && setBad.err().contains("255"), setBad.err());
        assertEquals("Branch North", listed("north1").path("site").asText());

        WindowsCli.Run statusBad = cli.tandem("status", "--site", "a\tb");
        assertEquals(64, statusBad.code(), statusBad.toString());
        assertTrue(statusBad.err().contains("--site:"), statusBad.err());
        assertEquals(64, cli.tandem("status", "--site", " ").code());
    }

    @Test
    void statusShowsOnlyTheRelationshipsOfTheServersAtASite() {
        assertEquals(0, add("north1", "--site", "Branch North").code());
        assertEquals(0, add("south1", "--site", "Branch South").code());
        // each partner added too, with its own login, so that both sides of a relationship are read
        assertEquals(0, add("north2", "--site", "Branch North").code());
        assertEquals(0, add("south2", "--site", "Branch South").code());

        WindowsCli.Run all = cli.tandem("status", "--json");
        assertEquals(0, all.code(), all.toString());
        assertEquals(2, all.json().path("relationships").size(), all.out());

        WindowsCli.Run north = cli.tandem("status", "--json", "--site", "branch north");
        assertEquals(0, north.code(), north.toString());
        JsonNode rels = north.json().path("relationships");
        assertEquals(1, rels.size(), north.out());
        assertEquals("fo-north", rels.get(0).path("name").asText());
        assertEquals("Branch North", rels.get(0).path("site").asText());
        assertEquals("OK", rels.get(0).path("status").asText(), rels.toString());
        assertEquals("north1", rels.get(0).path("sourceOfTruth").asText());

        WindowsCli.Run southText = cli.tandem("status", "--site", "Branch South");
        assertEquals(0, southText.code(), southText.toString());
        assertTrue(southText.out().contains("fo-south") && !southText.out().contains("fo-north"), southText.out());

        // a relationship that is not OK sets exit 2 only for its own site
        lab.stopService("south2");
        assertEquals(2, cli.tandem("status", "--site", "Branch South").code());
        assertEquals(0, cli.tandem("status", "--site", "Branch North").code());

        WindowsCli.Run nowhere = cli.tandem("status", "--site", "Atlantis");
        assertEquals(1, nowhere.code(), nowhere.toString());
        assertTrue(nowhere.err().contains("No server at site Atlantis"), nowhere.err());
    }
}
