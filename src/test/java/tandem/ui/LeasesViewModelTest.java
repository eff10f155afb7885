package tandem.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tandem.core.Backend;
import tandem.core.HaMode;
import tandem.core.HaParameters;
import tandem.core.PeerDefinition;
import tandem.core.PeerRole;
import tandem.core.Relationship;
import tandem.core.lease.Lease;
import tandem.core.lease.LeaseConsistency;
import tandem.core.lease.LeaseSource;
import tandem.core.lease.PartnerLeases;

/** The Leases tab's model: rows per address, subnets with their counts, the filter and the disagreements toggle. */
class LeasesViewModelTest {
    private static final Instant T0 = Instant.parse("2026-12-02T11:00:00Z");
    private static final Relationship REL = new Relationship("hq", "hq", Backend.KEA, HaMode.HOT_STANDBY, List.of(
            new PeerDefinition("a", PeerRole.PRIMARY, URI.create("http://a:8000/"), false),
            new PeerDefinition("b", PeerRole.STANDBY, URI.create("http://b:8000/"), false)), false, HaParameters.NONE);

    private final AtomicInteger reads = new AtomicInteger();
    private final LeaseConsistency consistency = new LeaseConsistency(r -> Optional.empty(), Duration.ofSeconds(1),
            Duration.ofMinutes(10), Clock.fixed(T0, ZoneOffset.UTC), Runnable::run);

    private LeasesViewModel vm() {
        LeaseSource source = (rel, subnet, within) -> {
            reads.incrementAndGet();
            Map<String, List<Lease>> held = new LinkedHashMap<>();
            long exp = T0.getEpochSecond() + 600;
            held.put("a", List.of(new Lease("10.0.1.5", "02:00:00:00:00:05", "alone", 1, exp, "default"),
                    new Lease("10.0.1.6", "02:00:00:00:00:06", "both", 1, exp, "default"),
                    new Lease("10.0.2.7", "02:00:00:00:00:07", "late", 2, exp, "default")));
            held.put("b", List.of(new Lease("10.0.1.6", "02:00:00:00:00:06", "both", 1, exp + 2, "default"),
                    new Lease("10.0.2.7", "02:00:00:00:00:07", "late", 2, exp + 300, "default")));
            return new PartnerLeases(held, Map.of(), Map.of(1L, "10.0.1.0/24", 2L, "10.0.2.0/24"), false);
        };
        return new LeasesViewModel(name -> name.equals("hq") ? Optional.of(REL) : Optional.empty(),
                rel -> Optional.of(source), Optional.of(consistency), BackgroundTasks.direct(), ZoneOffset.UTC,
                Clock.fixed(T0, ZoneOffset.UTC), Duration.ofSeconds(5));
    }

    @Test
    void showsEveryAddressWithEachPartnerAndWhyTheyDisagree() {
        LeasesViewModel vm = vm();
        vm.show("hq");
        assertEquals(List.of("a", "b"), vm.partners());
        assertEquals(List.of("10.0.1.5", "10.0.1.6", "10.0.2.7"), vm.rows().stream().map(LeasesViewModel.Row::ip).toList());
        assertEquals(List.of("no: only on a", "yes", "no: expiry differs"), vm.rows().stream().map(LeasesViewModel.Row::why).toList());
        assertEquals(new LeasesViewModel.Held("-", "-"), vm.rows().get(0).byPartner().get("b"));
        assertEquals(new LeasesViewModel.Held("default", "12-02 11:10:00"), vm.rows().get(0).byPartner().get("a"));
        assertEquals(List.of("All subnets  (2 disagreeing)", "10.0.1.0/24  (1 disagreeing)", "10.0.2.0/24  (1 disagreeing)"),
                vm.subnets().stream().map(Object::toString).toList());
        // what the tab read is the check's latest result too
        assertEquals(2, consistency.last("hq").orElseThrow().total());
    }

    @Test
    void narrowsBySubnetFilterAndDisagreements() {
        LeasesViewModel vm = vm();
        vm.show("hq");
        vm.subnetProperty().set(vm.subnets().get(1));
        assertEquals(List.of("10.0.1.5", "10.0.1.6"), vm.rows().stream().map(LeasesViewModel.Row::ip).toList());
        vm.onlyDisagreementsProperty().set(true);
        assertEquals(List.of("10.0.1.5"), vm.rows().stream().map(LeasesViewModel.Row::ip).toList());
        assertTrue(vm.statusProperty().get().startsWith("1 address shown; 1 disagreement in 10.0.1.0/24"), vm.statusProperty().get());
        vm.subnetProperty().set(vm.subnets().get(0));
        vm.filterProperty().set("LATE");
        assertEquals(List.of("10.0.2.7"), vm.rows().stream().map(LeasesViewModel.Row::ip).toList());
        vm.filterProperty().set("02:00:00:00:00:06");
        assertEquals(List.of(), vm.rows().stream().map(LeasesViewModel.Row::ip).toList(), "it agrees, and only disagreements show");

        // back on the tab for the same relationship: what was read is kept
        vm.show("hq");
        assertEquals(1, reads.get());
        // reading again keeps the chosen subnet
        vm.subnetProperty().set(vm.subnets().get(2));
        vm.reload();
        assertEquals(2, reads.get());
        assertEquals("10.0.2.0/24", vm.subnetProperty().get().name());
        vm.show(null);
        assertTrue(vm.rows().isEmpty() && vm.partners().isEmpty());
    }
}
