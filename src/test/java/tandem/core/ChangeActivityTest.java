package tandem.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tandem.core.port.ActivityStore;
import tandem.core.port.ActivityStore.Activity;

class ChangeActivityTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final Assessment IMPAIRED =
            new Assessment(RelationshipStatus.IMPAIRED, "s1", List.of("Peer s2 is in waiting"));

    private final ChangeActivity.InMemory store = new ChangeActivity.InMemory();
    private final Set<Long> alive = new java.util.HashSet<>(Set.of(10L));
    private final ChangeActivity console = activity("the console", 10, "desk", NOW);

    private ChangeActivity activity(String owner, long pid, String host, Instant now) {
        return new ChangeActivity(store, owner, pid, () -> host, alive::contains, Clock.fixed(now, ZoneOffset.UTC));
    }

    private String lastReason(ChangeActivity a) {
        List<String> reasons = a.explain("pair", IMPAIRED).reasons();
        return reasons.get(reasons.size() - 1);
    }

    @Test
    void ownChangeIsThisConsoleAndEndsWhenClosed() {
        try (ChangeActivity.Running r = console.begin("pair", "'Reserve 10.0.0.5'")) {
            assertEquals("expected while this console applies 'Reserve 10.0.0.5'", lastReason(console));
            Assessment ok = new Assessment(RelationshipStatus.OK, "s1", List.of());
            assertSame(ok, console.explain("pair", ok), "an OK status needs no explanation");
            assertSame(IMPAIRED, console.explain("other", IMPAIRED));
        }
        assertSame(IMPAIRED, console.explain("pair", IMPAIRED));
    }

    @Test
    void anotherLiveProcessOnThisHostIsNamedWithItsPid() {
        alive.add(42L);
        ChangeActivity watch = activity("the console", 42, "desk", NOW);
        watch.ownedBy("tandem watch");
        try (ChangeActivity.Running r = watch.begin("pair", "a synchronization from the source of truth")) {
            assertEquals("expected while tandem watch (pid 42) applies a synchronization from the source of truth",
                    lastReason(console));
            assertEquals("expected while tandem watch applies a synchronization from the source of truth",
                    lastReason(watch), "a process names itself without its pid");
        }
    }

    @Test
    void aDeadProcessOnThisHostLeavesNoChangeUnderWayAndItsRecordIsRemoved() {
        ChangeActivity crashed = activity("a tandem command", 77, "desk", NOW);
        crashed.begin("pair", "'Remove subnet 10.0.0.0/24'"); // never closed: the process died
        assertSame(IMPAIRED, console.explain("pair", IMPAIRED));
        assertEquals(List.of(), store.running("pair"));
    }

    @Test
    void anotherHostIsTrustedForThirtyMinutes() {
        activity("the console", 77, "laptop", NOW.minus(Duration.ofMinutes(29))).begin("pair", "'Set option 6'");
        assertEquals("expected while the console (pid 77 on laptop) applies 'Set option 6'", lastReason(console));
        activity("the console", 78, "laptop", NOW.minus(Duration.ofMinutes(31))).begin("other", "'Set option 3'");
        assertSame(IMPAIRED, console.explain("other", IMPAIRED));
    }

    @Test
    void theNewestOfSeveralChangesIsNamed() {
        try (var first = console.begin("pair", "'A'"); var second = console.begin("pair", "'B'")) {
            assertEquals("expected while this console applies 'B'", lastReason(console));
        }
    }

    @Test
    void anUnavailableStoreNeitherStopsTheChangeNorLosesTheStatus() {
        ActivityStore broken = new ActivityStore() {
            @Override public long begin(Activity a) { throw new IllegalStateException("database closed"); }
            @Override public void end(long id) { throw new IllegalStateException("database closed"); }
            @Override public List<Activity> running(String relationship) { throw new IllegalStateException("database closed"); }
        };
        ChangeActivity a = new ChangeActivity(broken, "the console", 10, () -> "desk", p -> true,
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertDoesNotThrow(() -> a.begin("pair", "'A'").close());
        assertSame(IMPAIRED, a.explain("pair", IMPAIRED));
    }
}
