package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.cli.TandemCommand;
import tandem.core.lease.ClientFinder;
import tandem.core.lease.ClientQuery;
import tandem.services.Services;

/**
 * dhcpd host declarations found as reservations: a server's dhcpd.conf behind a real sshd, `tandem find` by MAC,
 * fixed address and host name (JSON as for Kea's reservations), and the console's finder on the same services.
 */
class IscFindHostTest {
    @TempDir static Path sshdDir;
    static RealSshd sshd;
    @TempDir Path tmp;

    @BeforeAll
    static void startSshd() throws Exception { sshd = RealSshd.start(sshdDir); }

    @AfterAll
    static void stopSshd() throws Exception { if (sshd != null) sshd.close(); }

    private record Run(int code, String out, String err) {}

    private Run tandem(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--data", tmp.resolve("data").toString()));
        all.addAll(List.of(args));
        int code = TandemCommand.run(all.toArray(String[]::new), d -> fail("no console for a command"), Services::open,
                tandem.app.Launcher.backendCommands(), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void aHostDeclarationIsFoundByMacFixedAddressAndHostName() throws Exception {
        Path conf = tmp.resolve("etc/dhcpd.conf");
        Files.createDirectories(conf.getParent());
        Path leases = tmp.resolve("dhcpd.leases");
        Files.writeString(leases, "");
        Files.writeString(conf, Files.readString(Corpus.file("two-peers.conf"))
                + "lease-file-name \"" + leases + "\";\n"
                + "host printer {\n  hardware ethernet 02:00:00:00:0a:05;\n  fixed-address 10.20.0.5;\n"
                + "  option host-name \"printer.example.org\";\n}\n"
                + "host scanner { hardware ethernet 02:00:00:00:0b:06; fixed-address 10.30.0.6; }\n");
        try (SshConnection trust = SshConnection.open(sshd.settings(), tmp.resolve("data/known_hosts"), (h, t, f) -> true,
                Duration.ofSeconds(20))) {
            assertEquals(0, trust.exec("true").exitCode());
        }
        Run add = tandem("server", "add", "isc", "--ssh", sshd.target().toString(), "--key", sshd.clientKey.toString(),
                "--config", conf.toString(), "--restart", "true", "--name", "dhcp1");
        assertEquals(0, add.code(), add.out() + add.err());

        Run byMac = tandem("find", "02-00-00-00-0A-05", "--json");
        assertEquals(0, byMac.code(), byMac.out() + byMac.err());
        JsonNode matches = new ObjectMapper().readTree(byMac.out()).path("matches");
        // the host's subnet 10.20.0.0/24 has pools of peer "north" only: one match, in that relationship
        assertEquals(1, matches.size(), byMac.out());
        JsonNode m = matches.get(0);
        assertEquals("dhcp1/north", m.path("relationship").asText());
        assertEquals("10.20.0.0/24", m.path("subnet").asText());
        assertEquals("reservation", m.path("kind").asText());
        assertEquals("10.20.0.5", m.path("ip").asText());
        assertEquals("02:00:00:00:0a:05", m.path("mac").asText());
        assertEquals("printer.example.org", m.path("hostname").asText());
        JsonNode held = m.path("partners").path("dhcp1");
        assertEquals("printer", held.path("host").asText(), byMac.out());
        assertEquals("10.20.0.5", held.path("fixed-address").asText());
        // the partner's own dhcpd.conf is not reached through this server: said, not counted as lacking the host
        assertEquals(List.of("dhcp1"), List.copyOf(iterable(m.path("partners").fieldNames())), byMac.out());
        assertTrue(m.path("agree").asBoolean());
        assertEquals(IscLeaseSource.PARTNER_NOT_AT_HAND,
                new ObjectMapper().readTree(byMac.out()).path("unread").path("dhcp1/north/10.20.0.2").asText(), byMac.out());

        Run byAddress = tandem("find", "10.30.0.6");
        assertEquals(0, byAddress.code(), byAddress.out() + byAddress.err());
        assertTrue(byAddress.out().startsWith("dhcp1/south  10.30.0.0/24  reservation  10.30.0.6  02:00:00:00:0b:06  scanner  on dhcp1"),
                byAddress.out());
        assertEquals(1, byAddress.out().strip().lines().count(), byAddress.out());

        // the console's Find client asks the same finder
        try (Services services = Services.open(tmp.resolve("data"), "the console")) {
            ClientFinder.Result r = services.clientFinder().find(ClientQuery.parse("printer").orElseThrow());
            assertEquals(List.of("dhcp1/north reservation 10.20.0.5"),
                    r.matches().stream().map(x -> x.relationship() + " " + x.kind() + " " + x.ip()).toList());
            assertEquals(List.of(), r.matches().get(0).holders().stream().filter(h -> !h.equals("dhcp1")).toList());
        }
    }
}
