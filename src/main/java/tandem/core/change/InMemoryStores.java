package tandem.core.change;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import tandem.core.port.AuditStore;
import tandem.core.port.LockStore;

/** Locks and an audit trail of one process, for tests and for services without a data folder. */
public final class InMemoryStores {
    private InMemoryStores() {}

    public static LockStore locks() {
        return new LockStore() {
            private final ConcurrentHashMap<String, Lock> held = new ConcurrentHashMap<>();

            @Override public Optional<Lock> tryAcquire(Lock wanted) {
                Lock before = held.putIfAbsent(wanted.resource(), wanted);
                return Optional.ofNullable(before);
            }

            @Override public boolean takeOver(Lock stale, Lock wanted) {
                return held.replace(stale.resource(), stale, wanted);
            }

            @Override public boolean renew(String resource, String token, Instant expiresAt) {
                return held.computeIfPresent(resource, (r, l) -> !l.token().equals(token) ? l
                        : new Lock(r, token, l.user(), l.processName(), l.host(), l.pid(), l.description(),
                        l.acquiredAt(), expiresAt)) != null;
            }

            @Override public void release(String resource, String token) {
                held.computeIfPresent(resource, (r, l) -> l.token().equals(token) ? null : l);
            }
        };
    }

    public static AuditStore audit() {
        return new AuditStore() {
            private final AtomicLong ids = new AtomicLong();
            private final List<AuditRecord> records = new ArrayList<>();

            @Override public synchronized long append(AuditRecord r) {
                long id = ids.incrementAndGet();
                records.add(new AuditRecord(id, r.time(), r.user(), r.host(), r.process(), r.relationship(), r.kind(),
                        r.description(), r.servers(), r.outcome(), r.diff(), r.journalId()));
                return id;
            }

            @Override public synchronized List<AuditRecord> find(Query q) {
                return records.stream()
                        .filter(r -> q.relationship() == null || q.relationship().equals(r.relationship()))
                        .filter(r -> q.user() == null || q.user().equals(r.user()))
                        .filter(r -> q.since() == null || !r.time().isBefore(q.since()))
                        .filter(r -> q.until() == null || r.time().isBefore(q.until()))
                        .sorted(Comparator.comparingLong(AuditRecord::id).reversed())
                        .limit(Math.max(0, q.limit())).toList();
            }
        };
    }
}
