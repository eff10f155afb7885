package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.DeltaType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dhcpd.conf files written by other people in {@code ../shared/reference/dhcpd-wild/} (next to the project;
 * SOURCES.md there records each file's source and the real {@code dhcpd -t} verdict). Without that folder these
 * tests say so in one line and are skipped: they never pass without having read the files.
 */
class WildCorpusTest {
    private static final FailoverPeer NEW = FailoverPeer.suggestedPrimary("tandem-wild", "10.255.255.1", "10.255.255.2");

    @TempDir Path tmp;

    static Path folder() {
        Path dir = Path.of(System.getProperty("user.dir")).resolve("../shared/reference/dhcpd-wild").normalize();
        if (!Files.isRegularFile(dir.resolve("SOURCES.md"))) {
            // one line, and the tests are reported as skipped, never as passed, on a checkout without the corpus
            System.err.println("WildCorpusTest: the real-world corpus is missing (no " + dir.resolve("SOURCES.md")
                    + "); its tests are skipped");
            Assumptions.abort("the real-world corpus is missing: no " + dir.resolve("SOURCES.md"));
        }
        return dir;
    }

    /** Each file named in SOURCES.md's table with its recorded verdict ("ok ..." or "error: ..."). */
    static Map<String, String> verdicts(Path dir) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve("SOURCES.md"))) {
            String[] cells = line.split("\\|");
            if (cells.length > 5 && cells[1].strip().endsWith(".conf")) out.put(cells[1].strip(), cells[5].strip());
        }
        return out;
    }

    @Test
    void everyFileDhcpdAcceptsParsesWithoutAParseError() throws Exception {
        Path dir = folder();
        Map<String, String> verdicts = verdicts(dir);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(files.filter(p -> p.toString().endsWith(".conf")).count(), verdicts.size(), "a verdict for every file");
        }
        List<String> failures = new ArrayList<>();
        int accepted = 0;
        for (var e : verdicts.entrySet()) {
            if (!e.getValue().startsWith("ok")) continue;
            accepted++;
            try {
                DhcpdConfig c = DhcpdConfig.read(dir.resolve(e.getKey()));
                assertArrayEquals(Files.readAllBytes(dir.resolve(e.getKey())), ConfText.toBytes(c.render().get(c.mainPath())), e.getKey());
            } catch (ConfSyntaxException x) {
                failures.add(x.getMessage());
            }
        }
        assertTrue(accepted > 0, "SOURCES.md records no accepted file");
        assertEquals(List.of(), failures, accepted + " accepted files");
    }

    /**
     * Adding a failover peer to any of the files either changes no existing line and leaves a file dhcpd -t accepts,
     * or is refused with a message and leaves the file byte-identical. The write is the console's real one (staged,
     * checked with dhcpd -t, moved into place) on a copy.
     */
    @Test
    void addingAPeerToAnyFileAddsLinesOnlyOrIsRefusedLeavingTheFileAsItWas() throws Exception {
        Path dir = folder();
        List<String> applied = new ArrayList<>(), refused = new ArrayList<>();
        for (String name : verdicts(dir).keySet()) {
            Path copy = Files.createDirectory(tmp.resolve(name.replace(".conf", ""))).resolve(name);
            byte[] original = Files.readAllBytes(dir.resolve(name));
            Files.write(copy, original);
            String outcome = addPeer(copy);
            byte[] now = Files.readAllBytes(copy);
            if (outcome == null) {
                assertOnlyLinesAdded(name, original, now);
                DhcpdSyntaxCheck.Result check = DhcpdSyntaxCheck.run(RealDhcpd.dhcpd(), copy);
                assertTrue(check.ok(), name + ": dhcpd -t refuses the written file:\n" + check.output());
                applied.add(name);
            } else {
                assertFalse(outcome.isBlank(), name + ": refused without a message");
                assertArrayEquals(original, now, name + ": refused (" + outcome + ") but the file changed");
                refused.add(name + ": " + outcome);
            }
        }
        System.out.println("dhcpd-wild: a peer added to " + applied.size() + " files, refused for " + refused.size());
        refused.forEach(r -> System.out.println("  refused " + r));
        assertTrue(applied.size() + refused.size() == verdicts(dir).size());
        assertTrue(applied.contains("01-isc-dhcpd-conf-example.conf"), applied.toString());
    }

    /** Null when the peer was written; otherwise why it was refused. */
    private static String addPeer(Path file) throws IOException {
        IscConfigTarget target = IscConfigTarget.of(new LocalShell(Duration.ofSeconds(30)), file.toString(),
                RealDhcpd.dhcpd() + " -t -4 -cf FILE", "true", Clock.systemUTC());
        DhcpdConfig before;
        try {
            before = target.load();
        } catch (ConfSyntaxException e) {
            return e.getMessage();
        }
        // for the first pool that uses no failover yet: dhcpd refuses a peer that no pool refers to
        Integer pool = before.pools().stream().filter(p -> p.failoverPeer() == null).map(AddressPool::index).findFirst().orElse(null);
        FailoverEdits.Edit edit;
        try {
            edit = FailoverEdits.addPeer(before, NEW, pool);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (!edit.applicable()) return edit.problems().get(0).toString();
        SafeWrite.Result r = target.apply(before, edit.change());
        if (r instanceof SafeWrite.Invalid invalid) return "dhcpd -t: " + invalid.problems().get(0);
        return r instanceof SafeWrite.Applied ? null : r.toString();
    }

    @Test
    void thirtyOnePoolsNamingAPeerDeclaredInTheIncludingFileKeepTheirReferences() throws Exception {
        Path dir = folder();
        String subnets = "16-emfcamp2014-subnets-failover-pools.conf";
        Path inc = tmp.resolve(subnets);
        Files.copy(dir.resolve(subnets), inc);
        byte[] includedBefore = Files.readAllBytes(inc);

        // the included file on its own, as when it is opened by itself: its 31 pools name a peer it does not declare
        DhcpdConfig alone = DhcpdConfig.read(inc);
        assertEquals(31, alone.pools().size());
        assertEquals(List.of(), alone.peerNames());
        FailoverEdits.Edit e = FailoverEdits.addPeer(alone, NEW, null);
        assertEquals(31, e.after().pools().stream().filter(p -> "failover-partner".equals(p.failoverPeer())).count());
        assertTrue(e.change().unifiedDiff().lines().noneMatch(l -> l.startsWith("-") && !l.startsWith("---")), e.change().unifiedDiff());
        // ... and a peer no pool uses is what dhcpd refuses: the edit says so instead of writing it
        assertFalse(e.applicable());
        assertTrue(e.problems().get(0).message().contains("\"tandem-wild\" is declared but no pool refers to it"), e.problems().toString());
        // for one pool: that pool's reference changes, as asked, and the other 30 stay
        FailoverEdits.Edit forOne = FailoverEdits.addPeer(alone, NEW, 2);
        assertEquals(30, forOne.after().pools().stream().filter(p -> "failover-partner".equals(p.failoverPeer())).count());
        assertEquals("tandem-wild", forOne.after().pool(2).failoverPeer());
        assertEquals(1, forOne.change().unifiedDiff().lines().filter(l -> l.startsWith("-") && !l.startsWith("---")).count());

        // with the main file that declares the peer (its include pointed at the copy), written for real
        String mainName = "14-emfcamp2014-primary.conf";
        String mainText = ConfText.fromBytes(Files.readAllBytes(dir.resolve(mainName)))
                .replace("include \"/etc/dhcp/dhcpd-subnets.conf\";", "include \"" + inc + "\";");
        Path main = tmp.resolve(mainName);
        ConfText.writeLocal(main, mainText);
        byte[] mainBefore = Files.readAllBytes(main);
        String refused = addPeer(main);
        assertTrue(refused != null && refused.contains("no pool refers to it"), refused);
        assertArrayEquals(mainBefore, Files.readAllBytes(main));
        assertArrayEquals(includedBefore, Files.readAllBytes(inc));

        IscConfigTarget target = IscConfigTarget.of(new LocalShell(Duration.ofSeconds(30)), main.toString(),
                RealDhcpd.dhcpd() + " -t -4 -cf FILE", "true", Clock.systemUTC());
        DhcpdConfig before = target.load();
        assertEquals(List.of("failover-partner"), before.peerNames());
        FailoverEdits.Edit seventh = FailoverEdits.addPeer(before, NEW, 7);
        assertTrue(seventh.applicable(), seventh.problems().toString());
        assertInstanceOf(SafeWrite.Applied.class, target.apply(before, seventh.change()));
        assertOnlyLinesAdded(mainName, mainBefore, Files.readAllBytes(main));
        DhcpdConfig after = DhcpdConfig.read(main);
        assertEquals(java.util.Set.of("failover-partner", "tandem-wild"), java.util.Set.copyOf(after.peerNames()));
        assertEquals(30, after.pools().stream().filter(p -> "failover-partner".equals(p.failoverPeer())).count());
        assertEquals("tandem-wild", after.pool(7).failoverPeer());
        assertTrue(DhcpdSyntaxCheck.run(RealDhcpd.dhcpd(), main).ok());
    }

    @Test
    void aWindows1252FileFromTheWildIsReadAndCheckedWithoutADecodingError() throws Exception {
        Path dir = folder();
        Path cp1252 = dir.resolve("37-cp1252-comments.conf");
        DhcpdConfig c = DhcpdConfig.read(cp1252);
        byte[] bytes = Files.readAllBytes(cp1252);
        assertTrue(ConfEncodingTest.indexOf(bytes, new byte[] {(byte) 0x96}) >= 0, "the file has a 0x96 byte");
        assertArrayEquals(bytes, ConfText.toBytes(c.render().get(c.mainPath())));
        // what dhcpd -t says about it ("bad range, address 10.10.50.99 not in subnet ...") our rules say at the line
        assertTrue(c.check().stream().anyMatch(p -> p.line() == 39 && p.message().contains("10.10.50.99 is not in subnet 10.10.50.0/27")),
                c.check().toString());
    }

    private static void assertOnlyLinesAdded(String name, byte[] original, byte[] now) {
        List<String> was = Arrays.asList(ConfText.fromBytes(original).split("\n", -1));
        List<String> is = Arrays.asList(ConfText.fromBytes(now).split("\n", -1));
        for (AbstractDelta<String> d : DiffUtils.diff(was, is).getDeltas()) {
            if (d.getType() != DeltaType.INSERT) {
                fail(name + ": an existing line changed: " + ConfText.toUnicode(String.join("\\n", d.getSource().getLines()))
                        + " -> " + ConfText.toUnicode(String.join("\\n", d.getTarget().getLines())));
            }
        }
    }
}
