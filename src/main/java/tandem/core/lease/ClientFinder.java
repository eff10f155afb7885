package tandem.core.lease;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;
import tandem.core.Relationship;

/**
 * Finds a client in every relationship whose backend can read leases: its reservations in each partner's
 * configuration and its leases on each partner, with whether the partners agree. Blocks: run it in the background.
 */
public final class ClientFinder {
    /**
     * One reservation or lease of the client.
     *
     * @param subnet   the subnet prefix ("10.10.0.0/24"), "global" for a global reservation, "id N" when unknown
     * @param kind     "reservation" or "lease"
     * @param partners every partner of the relationship that was read, with its {@link Lease} or {@link Reservation},
     *                 or null when it holds nothing
     * @param agree    true when every partner holds the same
     */
    public record Match(String relationship, String subnet, String kind, String ip, String mac, String duid,
                        String hostname, Map<String, Object> partners, boolean agree) {
        /** The partners that hold it. */
        public List<String> holders() {
            return partners.entrySet().stream().filter(e -> e.getValue() != null).map(Map.Entry::getKey).toList();
        }

        /** The partners that lack it. */
        public List<String> lacking() {
            return partners.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey).toList();
        }
    }

    /** The matches, and the partners ("relationship/peer") whose leases or configuration could not be read. */
    public record Result(List<Match> matches, Map<String, String> unread) {}

    private final Supplier<List<Relationship>> relationships;
    private final Function<Relationship, Optional<LeaseSource>> sources;
    private final Duration within;

    /** @param sources the relationship's backend's lease reading, empty when its backend has none */
    public ClientFinder(Supplier<List<Relationship>> relationships,
                        Function<Relationship, Optional<LeaseSource>> sources, Duration within) {
        this.relationships = relationships;
        this.sources = sources;
        this.within = within;
    }

    public Result find(ClientQuery query) {
        List<Match> out = new ArrayList<>();
        Map<String, String> unread = new LinkedHashMap<>();
        for (Relationship rel : relationships.get()) {
            Optional<LeaseSource> source = sources.apply(rel);
            if (source.isEmpty()) continue;
            LeaseSource.PartnerReservations reserved = source.get().reservations(rel, within);
            reserved.unread().forEach((peer, why) -> unread.put(rel.name() + "/" + peer, why));
            PartnerLeases leases = source.get().read(rel, OptionalLong.empty(), within);
            leases.unread().forEach((peer, why) -> unread.putIfAbsent(rel.name() + "/" + peer, why));
            out.addAll(reservations(rel.name(), reserved.byPartner(), query));
            out.addAll(leases(rel.name(), leases, query));
        }
        return new Result(List.copyOf(out), Collections.unmodifiableMap(unread));
    }

    /** Leases compared among the partners whose leases were read; a partner that did not answer is left out. */
    static List<Match> leases(String relationship, PartnerLeases leases, ClientQuery query) {
        List<Match> out = new ArrayList<>();
        for (LeaseComparison.Row row : leases.comparison().rows()) {
            boolean hit = row.byPartner().values().stream().filter(Objects::nonNull)
                    .anyMatch(l -> query.matches(l.ip(), l.mac(), l.duid(), l.hostname()));
            if (!hit) continue;
            Lease any = row.any();
            Map<String, Object> partners = new LinkedHashMap<>(row.byPartner());
            out.add(new Match(relationship, leases.subnetName(any.subnetId()), "lease", row.ip(), any.mac(), any.duid(),
                    any.hostname(), Collections.unmodifiableMap(partners), row.agree()));
        }
        return out;
    }

    /** The same reservation (subnet and client) on several partners is one match. */
    static List<Match> reservations(String relationship, Map<String, List<Reservation>> byPartner, ClientQuery query) {
        Map<String, Map<String, Reservation>> found = new LinkedHashMap<>();
        for (var e : byPartner.entrySet()) {
            for (Reservation r : e.getValue()) {
                if (!query.matches(r.ip(), r.mac(), r.duid(), r.hostname())) continue;
                found.computeIfAbsent(r.key(), k -> new LinkedHashMap<>()).put(e.getKey(), r);
            }
        }
        List<Match> out = new ArrayList<>();
        for (Map<String, Reservation> held : found.values()) {
            Map<String, Object> partners = new LinkedHashMap<>();
            for (String peer : byPartner.keySet()) partners.put(peer, held.get(peer));
            boolean agree = partners.values().stream().allMatch(Objects::nonNull)
                    && held.values().stream().map(Reservation::detail).distinct().count() == 1;
            Reservation id = held.values().iterator().next();
            out.add(new Match(relationship, id.subnet(), "reservation", id.ip(), id.mac(), id.duid(), id.hostname(),
                    Collections.unmodifiableMap(partners), agree));
        }
        return out;
    }
}
