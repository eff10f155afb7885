package tandem.core.change;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tandem.core.port.LockStore;

/** Locks between writers: one at a time, a bounded wait, the holder named, leftovers of dead processes taken over. */
class ChangeLocksTest {
    private final LockStore store = InMemoryStores.locks();
    private final Set<Long> alive = new HashSet<>(Set.of(1L, 2L));
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    private ChangeLocks locksOf(long pid, String host, String process) {
        Actor actor = new Actor("alice", new ProcessId(host, pid), process);
        return new ChangeLocks(store, () -> actor, alive::contains, clock, Duration.ofSeconds(90));
    }

    @Test
    void aSecondWriterIsRefusedWithTheHolderAfterItsWait() {
        ChangeLocks console = locksOf(1, "desk", "the console");
        ChangeLocks command = locksOf(2, "desk", "tandem reservation add");
        try (ChangeLocks.Held held = console.acquire(List.of("relationship:pair"), "Reserve 10.0.0.5", Duration.ZERO)) {
            long started = System.nanoTime();
            ChangeBlocked refused = assertThrows(ChangeBlocked.class,
                    () -> command.acquire(List.of("relationship:pair"), "Add subnet", Duration.ofMillis(400)));
            long waitedMs = (System.nanoTime() - started) / 1_000_000;
            assertTrue(waitedMs >= 400 && waitedMs < 5_000, "waited " + waitedMs + " ms");
            assertEquals("the console (pid 1, alice on desk)", refused.holder());
            assertTrue(refused.getMessage().contains("pair is being changed by the console (pid 1, alice on desk), "
                    + "applying Reserve 10.0.0.5"), refused.getMessage());
        }
        // released: the other one gets it at once
        command.acquire(List.of("relationship:pair"), "Add subnet", Duration.ZERO).close();
    }

    @Test
    void aWaitingWriterGetsTheLockOnceTheHolderLetsGo() throws Exception {
        ChangeLocks console = locksOf(1, "desk", "the console");
        ChangeLocks command = locksOf(2, "desk", "tandem sync");
        ChangeLocks.Held held = console.acquire(List.of("relationship:pair"), "one", Duration.ZERO);
        CompletableFuture<ChangeLocks.Held> waiting = CompletableFuture.supplyAsync(
                () -> command.acquire(List.of("relationship:pair"), "two", Duration.ofSeconds(20)));
        Thread.sleep(300);
        assertFalse(waiting.isDone(), "it waits while the lock is held");
        held.close();
        waiting.get(10, TimeUnit.SECONDS).close();
    }

    @Test
    void theHoldingThreadMayTakeItAgainAndItIsReleasedWithTheOutermost() {
        ChangeLocks console = locksOf(1, "desk", "the console");
        ChangeLocks other = locksOf(2, "desk", "tandem watch");
        ChangeLocks.Held outer = console.acquire(List.of("relationship:pair"), "apply", Duration.ZERO);
        console.acquire(List.of("relationship:pair"), "replay first", Duration.ZERO).close();
        assertThrows(ChangeBlocked.class, () -> other.acquire(List.of("relationship:pair"), "x", Duration.ZERO),
                "still held by the outer acquisition");
        outer.close();
        other.acquire(List.of("relationship:pair"), "x", Duration.ZERO).close();
    }

    @Test
    void aLockLeftByAProcessThatDiedOnThisHostIsTakenOverAtOnce() {
        locksOf(7, "desk", "tandem reservation add").acquire(List.of("relationship:pair"), "killed mid-change", Duration.ZERO);
        // pid 7 is not alive: its lock is a leftover
        ChangeLocks console = locksOf(1, "desk", "the console");
        console.acquire(List.of("relationship:pair"), "next", Duration.ZERO).close();
    }

    @Test
    void aLockFromAnotherHostIsTakenOverOnlyOnceItExpired() {
        Clock later = Clock.offset(clock, Duration.ofSeconds(91));
        Actor remote = new Actor("bob", new ProcessId("laptop", 9), "the console");
        new ChangeLocks(store, () -> remote, p -> false, clock, Duration.ofSeconds(90))
                .acquire(List.of("relationship:pair"), "remote edit", Duration.ZERO);
        ChangeLocks here = locksOf(1, "desk", "the console");
        assertThrows(ChangeBlocked.class, () -> here.acquire(List.of("relationship:pair"), "x", Duration.ZERO),
                "a process on another host cannot be checked: its lock holds until it expires");
        Actor me = new Actor("alice", new ProcessId("desk", 1), "the console");
        new ChangeLocks(store, () -> me, alive::contains, later, Duration.ofSeconds(90))
                .acquire(List.of("relationship:pair"), "x", Duration.ZERO).close();
    }

    @Test
    void aRefusalOnTheSecondResourceReleasesTheFirst() {
        ChangeLocks console = locksOf(1, "desk", "the console");
        ChangeLocks command = locksOf(2, "desk", "tandem isc peer add");
        try (ChangeLocks.Held held = console.acquire(List.of("isc-file:dhcp1:/etc/dhcp/dhcpd.conf"), "write", Duration.ZERO)) {
            assertThrows(ChangeBlocked.class, () -> command.acquire(
                    List.of("relationship:a", "isc-file:dhcp1:/etc/dhcp/dhcpd.conf"), "both", Duration.ZERO));
            console.acquire(List.of("relationship:a"), "free again", Duration.ZERO).close();
        }
    }
}
