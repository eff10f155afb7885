package tandem.windows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What replicating one scope from a source to a destination partner would change on the destination. Replication
 * overwrites: the source's scope properties, exclusions, reservations and option values win, and items only the
 * destination has vanish. Each item is keyed (a property by its name, an exclusion by its range, a reservation by
 * its address, an option by its id and, on a reservation, the reservation's address); an item that differs under
 * the same key is both lost (as the destination has it) and gained (as the source has it). The same comparison,
 * made in the background, is the drift between partners.
 */
public final class ScopeDiff {
    /** The kinds of items a scope holds, in the order a summary names them. */
    public enum Kind {
        PROPERTY("property", "properties"),
        EXCLUSION("exclusion", "exclusions"),
        RESERVATION("reservation", "reservations"),
        SCOPE_OPTION("option", "options"),
        RESERVATION_OPTION("reservation option", "reservation options");

        private final String one;
        private final String many;

        Kind(String one, String many) {
            this.one = one;
            this.many = many;
        }

        public String label(int count) { return count == 1 ? one : many; }
    }

    /** Where the scope exists: a scope on one partner only is a drift of its own. */
    public enum Presence { BOTH, SOURCE_ONLY, DESTINATION_ONLY }

    /** One item of the destination, as it is (lost) or as it would be (gained), e.g. a reservation's line. */
    public record Item(Kind kind, String key, String text) {
        @Override public String toString() { return text; }
    }

    private final String scopeId;
    private final Presence presence;
    private final List<Item> loses;
    private final List<Item> gains;

    private ScopeDiff(String scopeId, Presence presence, List<Item> loses, List<Item> gains) {
        this.scopeId = scopeId;
        this.presence = presence;
        this.loses = List.copyOf(loses);
        this.gains = List.copyOf(gains);
    }

    /**
     * What {@code destination} loses and gains when {@code source} is replicated onto it. Either may be null for a
     * scope that exists on one partner only (then everything the other has is gained or lost).
     */
    public static ScopeDiff between(ScopeConfig source, ScopeConfig destination) {
        if (source == null && destination == null) throw new IllegalArgumentException("no scope on either side");
        if (source != null && destination != null && !source.scopeId().strip().equals(destination.scopeId().strip())) {
            throw new IllegalArgumentException("scopes " + source.scopeId() + " and " + destination.scopeId() + " differ");
        }
        Presence presence = source == null ? Presence.DESTINATION_ONLY
                : destination == null ? Presence.SOURCE_ONLY : Presence.BOTH;
        Map<Kind, Map<String, Entry>> from = entries(source);
        Map<Kind, Map<String, Entry>> to = entries(destination);
        List<Item> loses = new ArrayList<>();
        List<Item> gains = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            Map<String, Entry> s = from.get(kind);
            Map<String, Entry> d = to.get(kind);
            Set<String> keys = new TreeSet<>(order(kind));
            keys.addAll(s.keySet());
            keys.addAll(d.keySet());
            for (String key : keys) {
                Entry had = d.get(key);
                Entry gets = s.get(key);
                if (had != null && gets != null && had.same().equals(gets.same())) continue;
                if (had != null) loses.add(new Item(kind, key, had.text()));
                if (gets != null) gains.add(new Item(kind, key, gets.text()));
            }
        }
        return new ScopeDiff((source != null ? source : destination).scopeId().strip(), presence, loses, gains);
    }

    /** A scope only the source has: replicating creates it on the destination with all it holds. */
    public static ScopeDiff onlyOnSource(ScopeConfig source) {
        return between(Objects.requireNonNull(source), null);
    }

    /** A scope only the destination has. */
    public static ScopeDiff onlyOnDestination(ScopeConfig destination) {
        return between(null, Objects.requireNonNull(destination));
    }

    public String scopeId() { return scopeId; }

    public Presence presence() { return presence; }

    /** What the destination has and would no longer have, in summary order. */
    public List<Item> loses() { return loses; }

    /** What the destination would have that it does not have now, in summary order. */
    public List<Item> gains() { return gains; }

    public List<Item> loses(Kind kind) { return loses.stream().filter(i -> i.kind() == kind).toList(); }

    public List<Item> gains(Kind kind) { return gains.stream().filter(i -> i.kind() == kind).toList(); }

    /** The keys of the items of {@code kind} that differ, lost or gained, each once. */
    public List<String> changedKeys(Kind kind) {
        Set<String> keys = new LinkedHashSet<>();
        for (Item i : loses) if (i.kind() == kind) keys.add(i.key());
        for (Item i : gains) if (i.kind() == kind) keys.add(i.key());
        return keys.stream().sorted(order(kind)).toList();
    }

    /** Both partners hold the scope and replication would change nothing. */
    public boolean isEmpty() { return presence == Presence.BOTH && loses.isEmpty() && gains.isEmpty(); }

    /** E.g. "differs: lease duration, 3 reservations, option 6"; "identical"; "only on the source". */
    public String summary() { return summary("the source", "the destination"); }

    /** As {@link #summary()}, naming the servers of a scope on one partner only: "only on dhcp1". */
    public String summary(String sourceName, String destinationName) {
        if (presence == Presence.SOURCE_ONLY) return "only on " + sourceName;
        if (presence == Presence.DESTINATION_ONLY) return "only on " + destinationName;
        List<String> parts = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            List<String> keys = changedKeys(kind);
            if (keys.isEmpty()) continue;
            switch (kind) {
                case PROPERTY -> parts.addAll(keys);
                case EXCLUSION, RESERVATION -> parts.add(keys.size() + " " + kind.label(keys.size()));
                case SCOPE_OPTION -> parts.add(kind.label(keys.size()) + " " + String.join(", ", keys));
                case RESERVATION_OPTION -> {
                    List<String> ids = keys.stream().map(k -> k.substring(k.indexOf(OPTION) + OPTION.length()))
                            .distinct().sorted(Comparator.comparingInt(Integer::parseInt)).toList();
                    parts.add(kind.label(ids.size()) + " " + String.join(", ", ids));
                }
            }
        }
        return parts.isEmpty() ? "identical" : "differs: " + String.join(", ", parts);
    }

    @Override public String toString() { return scopeId + ": " + summary(); }

    // ---- the items of one side

    /** An item as shown, and what it is compared by (a name shown but not compared stays out of {@code same}). */
    private record Entry(String text, Object same) {}

    private static final String OPTION = " option ";

    /** The scope properties replication copies, in the order a summary names them. */
    private static final List<String> PROPERTIES = List.of("name", "subnet mask", "range", "state", "type",
            "lease duration", "description");

    private static Map<Kind, Map<String, Entry>> entries(ScopeConfig c) {
        Map<Kind, Map<String, Entry>> m = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) m.put(k, new TreeMap<>(order(k)));
        if (c == null) return m;
        WinScope s = c.scope();
        List<String> values = List.of(plain(s.name()), plain(s.subnetMask()),
                plain(s.startRange()) + "-" + plain(s.endRange()), plain(s.state()), plain(s.type()),
                s.leaseDurationSec() == null ? "none" : s.leaseDurationSec() + " s", plain(s.description()));
        for (int i = 0; i < PROPERTIES.size(); i++) {
            String label = PROPERTIES.get(i);
            // state and type are Windows words whose case carries nothing
            Object same = label.equals("state") || label.equals("type") ? values.get(i).toLowerCase(Locale.ROOT) : values.get(i);
            m.get(Kind.PROPERTY).put(label, new Entry(label + ": " + values.get(i), same));
        }
        for (WinExclusion e : c.exclusions()) {
            String key = e.startRange().strip() + "-" + e.endRange().strip();
            m.get(Kind.EXCLUSION).putIfAbsent(key, new Entry(key, key));
        }
        for (WinReservation r : c.reservations()) {
            String key = r.ipAddress().strip();
            String text = key + " for " + plain(r.clientId()) + (plain(r.name()).isEmpty() ? "" : " (" + r.name().strip() + ")")
                    + (plain(r.type()).isEmpty() ? "" : ", type " + r.type().strip())
                    + (plain(r.description()).isEmpty() ? "" : ", " + r.description().strip());
            Object same = List.of(clientId(r.clientId()), plain(r.name()), plain(r.type()).toLowerCase(Locale.ROOT),
                    plain(r.description()));
            m.get(Kind.RESERVATION).putIfAbsent(key, new Entry(text, same));
        }
        for (WinOptionValue o : c.options()) {
            String shown = o.value().stream().map(String::strip).collect(Collectors.joining(", "));
            String named = plain(o.name()).isEmpty() ? "" : " (" + o.name().strip() + ")";
            if (o.atScopeLevel()) {
                String key = Integer.toString(o.optionId());
                m.get(Kind.SCOPE_OPTION).putIfAbsent(key, new Entry("option " + key + named + ": " + shown,
                        o.value().stream().map(String::strip).toList()));
            } else {
                String key = o.reservedIp() + OPTION + o.optionId();
                m.get(Kind.RESERVATION_OPTION).putIfAbsent(key, new Entry("option " + o.optionId() + " on "
                        + o.reservedIp() + named + ": " + shown, o.value().stream().map(String::strip).toList()));
            }
        }
        return m;
    }

    /** How keys of a kind are ordered: properties as listed, addresses by number, options by id. */
    private static Comparator<String> order(Kind kind) {
        return switch (kind) {
            case PROPERTY -> Comparator.comparingInt((String k) -> PROPERTIES.indexOf(k));
            case EXCLUSION -> Comparator.comparing((String k) -> k.substring(0, k.indexOf('-')), Addresses.ORDER)
                    .thenComparing(k -> k.substring(k.indexOf('-') + 1), Addresses.ORDER);
            case RESERVATION -> Addresses.ORDER;
            case SCOPE_OPTION -> Comparator.comparingInt(Integer::parseInt);
            case RESERVATION_OPTION -> Comparator.comparing((String k) -> k.substring(0, k.indexOf(OPTION)), Addresses.ORDER)
                    .thenComparingInt(k -> Integer.parseInt(k.substring(k.indexOf(OPTION) + OPTION.length())));
        };
    }

    private static String plain(String s) { return s == null ? "" : s.strip(); }

    /** MAC addresses compare without regard to case or separator ("00-50-56-B0-68-05" = "00:50:56:b0:68:05"). */
    private static String clientId(String s) { return plain(s).toLowerCase(Locale.ROOT).replace(':', '-'); }
}
