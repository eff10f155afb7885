package tandem.ui.isc;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tandem.isc.ConfSyntaxException;
import tandem.isc.ConfigChange;
import tandem.isc.DhcpdConfig;
import tandem.isc.FailoverEdits;
import tandem.isc.IscConfigTarget;
import tandem.isc.SafeWrite;
import tandem.ui.BackgroundTasks;

/** The view models behind the ISC review, migrate and manage-peers dialogs, without a window. */
class IscDialogViewModelsTest {
    private static final String SECRET = "a2V5LXNlY3JldC1mb3ItdGhlLXRlc3Q=";
    private static final String CONF = """
            key omapi_key { algorithm hmac-md5; secret "%s"; }
            omapi-key omapi_key;
            failover peer "north" { primary; address 10.0.0.1; peer address 10.0.0.2; mclt 3600; split 128; load balance max seconds 3; }
            failover peer "south" { primary; address 10.0.0.1; peer address 10.0.0.3; mclt 3600; split 128; load balance max seconds 3; }
            subnet 10.0.0.0 netmask 255.255.255.0 {
              pool { failover peer "north"; range 10.0.0.100 10.0.0.150; }
              pool { failover peer "south"; range 10.0.0.160 10.0.0.200; }
            }
            """.formatted(SECRET);

    private static DhcpdConfig config() throws ConfSyntaxException {
        return DhcpdConfig.parse("/etc/dhcp/dhcpd.conf", CONF);
    }

    /** Remembers what it was asked to write and answers with the given result. */
    private static final class Target implements IscConfigTarget {
        final List<ConfigChange> written = new ArrayList<>();
        SafeWrite.Result answer = new SafeWrite.Applied(java.util.Map.of("/etc/dhcp/dhcpd.conf", "backup"), "");

        @Override public String name() { return "dhcp1:/etc/dhcp/dhcpd.conf"; }
        @Override public DhcpdConfig load() throws ConfSyntaxException { return config(); }
        @Override public SafeWrite.Result apply(DhcpdConfig before, ConfigChange change) throws IOException {
            written.add(change);
            return answer;
        }
    }

    @Test
    void theReviewMasksTheKeysSecretAndWritesOnce() throws Exception {
        DhcpdConfig before = config();
        FailoverEdits.Outcome deleted = FailoverEdits.deletePeer(before, "north", "south");
        ConfigChange change = ((FailoverEdits.Edit) deleted).change();
        assertTrue(change.after().values().stream().anyMatch(t -> t.contains(SECRET)), "the key is near the edit");
        assertFalse(change.unifiedDiff().contains(SECRET), "the diff is made without the secret");
        Target target = new Target();
        int[] applied = {0};
        ConfigReviewViewModel vm = new ConfigReviewViewModel(target, before, change, BackgroundTasks.direct(),
                () -> applied[0]++);
        assertFalse(vm.diff().contains(SECRET), vm.diff());
        assertTrue(vm.diff().contains("secret ****"), vm.diff());
        vm.apply();
        vm.apply();
        assertEquals(1, target.written.size(), "written once from one review");
        assertEquals(1, applied[0]);
        assertTrue(vm.appliedProperty().get());
        assertTrue(vm.resultProperty().get().startsWith("Applied"), vm.resultProperty().get());
    }

    @Test
    void aRefusedWriteCanBeTriedAgain() throws Exception {
        DhcpdConfig before = config();
        ConfigChange change = ((FailoverEdits.Edit) FailoverEdits.deletePeer(before, "north", "south")).change();
        Target target = new Target();
        target.answer = new SafeWrite.Conflict("/etc/dhcp/dhcpd.conf");
        ConfigReviewViewModel vm = new ConfigReviewViewModel(target, before, change, BackgroundTasks.direct(), () -> { });
        vm.apply();
        assertFalse(vm.appliedProperty().get());
        assertTrue(vm.resultProperty().get().contains("changed on the server"), vm.resultProperty().get());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void migrationIsReadyOnceASubnetAndAPartnerAreChosen() {
        MigrateSubnetViewModel none = new MigrateSubnetViewModel("dhcp1", List.of("10.0.0.0/24"), List.of());
        assertFalse(none.readyProperty().get());
        assertEquals("Add the partner (Add ISC server…) first", none.partnerProblem());
        MigrateSubnetViewModel two = new MigrateSubnetViewModel("dhcp1", List.of("10.0.0.0/24"), List.of("dhcp2", "dhcp3"));
        assertFalse(two.readyProperty().get(), "with two partners, one must be picked");
        two.partnerProperty().set("dhcp3");
        assertTrue(two.readyProperty().get());
        assertEquals("10.0.0.0/24", two.subnetProperty().get());
    }

    @Test
    void deletingOneOfTwoPeersAsksWhichTakesItsPoolsWhileAnEditThatBreaksIsRefused() throws Exception {
        List<FailoverEdits.Edit> previews = new ArrayList<>();
        ManageFailoverPeersViewModel vm = new ManageFailoverPeersViewModel(config(), "dhcp1", previews::add);
        assertEquals(List.of("north", "south"), vm.peers());
        assertEquals("north  (primary, 10.0.0.2, 1 pool)", vm.describe("north"));
        var question = vm.delete("north");
        assertTrue(question.isEmpty() || question.get().options().contains("south"));
        if (question.isPresent()) vm.delete("north", "south");
        assertEquals(1, previews.size(), "the deletion goes to the preview");
        assertTrue(previews.get(0).change().unifiedDiff().contains("-failover peer \"north\""),
                previews.get(0).change().unifiedDiff());
        vm.edit("north", vm.peer("north").withName("south"));
        assertFalse(vm.messageProperty().get().isEmpty(), "a name another peer has is refused with the reason");
        assertEquals(1, previews.size());
    }
}
