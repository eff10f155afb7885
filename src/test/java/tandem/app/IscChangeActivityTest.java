package tandem.app;

import tandem.services.Services;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.HaMode;
import tandem.core.PeerDefinition;
import tandem.core.PeerRole;
import tandem.core.Relationship;
import tandem.core.ServerRecord;
import tandem.core.port.ActivityStore.Activity;
import tandem.isc.ConfigChange;
import tandem.isc.DhcpdConfig;
import tandem.isc.FailoverState;
import tandem.isc.FailoverStatus;
import tandem.isc.IscConfigTarget;
import tandem.isc.IscLocation;
import tandem.isc.IscServerSettings;
import tandem.ssh.SshSettings;
import tandem.ssh.SshTarget;
import tandem.isc.SafeWrite;
import tandem.store.Database;
import tandem.store.JdbcInventoryStore;
import tandem.store.SecretCipher;

/**
 * A dhcpd.conf write restarts dhcpd: while it runs, every relationship of that server names it. Both run as changes
 * of the runner, which journals them.
 */
class IscChangeActivityTest {
    @TempDir Path data;

    private static Relationship peer(String server, String name) {
        return new Relationship(server + "/" + name, server, Backend.ISC, HaMode.LOAD_BALANCING, List.of(
                new PeerDefinition(server, PeerRole.PRIMARY, URI.create("ssh://admin@127.0.0.1:22/"), true),
                new PeerDefinition(name + "-partner", PeerRole.SECONDARY, URI.create("ssh://admin@127.0.0.2:22/"), false)), false, null);
    }

    @Test
    void aWriteAndAPartnerDownAreUnderWayOnTheServersRelationshipsOnlyWhileTheyRun() throws Exception {
        try (Database db = Database.open(data)) {
            JdbcInventoryStore inventory = new JdbcInventoryStore(db, SecretCipher.inDirectory(data));
            ConnectionSettings ssh = ConnectionSettings.of(URI.create("ssh://admin@127.0.0.1:22/"));
            inventory.saveServer(new ServerRecord("dhcp1", Backend.ISC, ssh, Instant.now()),
                    List.of(peer("dhcp1", "north"), peer("dhcp1", "south")));
            inventory.saveServer(new ServerRecord("dhcp3", Backend.ISC, ssh, Instant.now()), List.of(peer("dhcp3", "east")));
        }
        try (Services services = Services.open(data, "the console")) {
            List<List<Optional<Activity>>> seen = new ArrayList<>();
            Runnable look = () -> seen.add(List.of(services.activity().current("dhcp1/north"),
                    services.activity().current("dhcp1/south"), services.activity().current("dhcp3/east")));
            IscLocation dhcp1 = IscLocation.ofServer("dhcp1", IscServerSettings.defaults(
                    new SshSettings(new SshTarget("admin", "127.0.0.1", 22), null, null, null, false)));
            IscConfigTarget target = services.iscChanges().journaled(dhcp1, new IscConfigTarget() {
                @Override public String name() { return "admin@127.0.0.1:/etc/dhcp/dhcpd.conf"; }

                @Override public DhcpdConfig load() { throw new UnsupportedOperationException(); }

                @Override public SafeWrite.Result apply(DhcpdConfig before, ConfigChange change) {
                    look.run();
                    return new SafeWrite.Applied(Map.of(), "");
                }

                @Override public FailoverStatus setPartnerDown(String failoverPeer) {
                    look.run();
                    return new FailoverStatus(failoverPeer, FailoverState.PARTNER_DOWN, FailoverState.UNKNOWN_STATE);
                }
            });

            String conf = "/etc/dhcp/dhcpd.conf";
            DhcpdConfig before = DhcpdConfig.parse(conf, "authoritative;\n");
            ConfigChange change = ConfigChange.between(before, DhcpdConfig.parse(conf, "authoritative;\nomapi-port 7911;\n"), List.of());
            assertInstanceOf(SafeWrite.Applied.class, target.apply(before, change));
            target.setPartnerDown("north");
            look.run();

            assertEquals(3, seen.size());
            String write = "'dhcpd.conf change on dhcp1 (dhcpd restarts): /etc/dhcp/dhcpd.conf +1 -0'";
            assertEquals(write, seen.get(0).get(0).orElseThrow().description());
            assertEquals(write, seen.get(0).get(1).orElseThrow().description());
            assertTrue(seen.get(0).get(2).isEmpty(), "another server's relationship is not being changed");
            assertEquals("'partner-down for north on dhcp1'", seen.get(1).get(0).orElseThrow().description());
            assertEquals("the console", seen.get(1).get(0).orElseThrow().owner());
            assertTrue(seen.get(2).stream().allMatch(Optional::isEmpty), "nothing is under way afterwards");
            List<String> journaled = services.replicationStore().recent(10).stream()
                    .map(e -> e.kind() + " " + e.relationship() + " " + e.status()).toList();
            assertEquals(List.of("isc-partner-down dhcp1 APPLIED", "isc dhcp1 APPLIED"), journaled);
        }
    }
}
