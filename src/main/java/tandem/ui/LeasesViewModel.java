package tandem.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import tandem.core.Relationship;
import tandem.core.lease.Lease;
import tandem.core.lease.LeaseComparison;
import tandem.core.lease.LeaseConsistency;
import tandem.core.lease.LeaseSource;
import tandem.core.lease.PartnerLeases;

/**
 * The Leases tab: one relationship's leases on every partner side by side, per subnet, filtered. Reading happens in
 * the background; the tab only shows what this holds.
 */
final class LeasesViewModel {
    /** A subnet to choose, with its count of disagreeing addresses; {@code id} empty for every subnet. */
    record SubnetChoice(OptionalLong id, String name, int disagreements) {
        @Override public String toString() {
            return name + (disagreements == 0 ? "" : "  (" + disagreements + " disagreeing)");
        }
    }

    /** One partner's lease of an address as the table shows it: "-" when the partner holds none. */
    record Held(String state, String expires) {}

    /** One address. */
    record Row(String ip, String client, String hostname, Map<String, Held> byPartner, boolean agree, String why) {
        boolean matches(String filter) {
            if (filter.isBlank()) return true;
            String f = filter.strip().toLowerCase(Locale.ROOT);
            return ip.toLowerCase(Locale.ROOT).contains(f) || client.toLowerCase(Locale.ROOT).contains(f)
                    || hostname.toLowerCase(Locale.ROOT).contains(f);
        }
    }

    private final java.util.function.Function<String, Optional<Relationship>> relationships;
    private final java.util.function.Function<Relationship, Optional<LeaseSource>> sources;
    private final Optional<LeaseConsistency> consistency;
    private final BackgroundTasks tasks;
    private final ZoneId zone;
    private final Clock clock;
    private final Duration within;

    private final ObservableList<SubnetChoice> subnets = FXCollections.observableArrayList();
    private final ObjectProperty<SubnetChoice> subnet = new SimpleObjectProperty<>();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<String> partners = FXCollections.observableArrayList();
    private final StringProperty filter = new SimpleStringProperty("");
    private final BooleanProperty onlyDisagreements = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final BooleanProperty reading = new SimpleBooleanProperty(false);

    private String relationship;
    private PartnerLeases read;
    private List<Row> all = List.of();
    /** The comparison's rows, in the order of {@link #all}. */
    private List<LeaseComparison.Row> compared = List.of();
    private Instant readAt;
    private long generation;

    LeasesViewModel(java.util.function.Function<String, Optional<Relationship>> relationships,
                    java.util.function.Function<Relationship, Optional<LeaseSource>> sources,
                    Optional<LeaseConsistency> consistency, BackgroundTasks tasks, ZoneId zone, Clock clock,
                    Duration within) {
        this.relationships = relationships;
        this.sources = sources;
        this.consistency = consistency;
        this.tasks = tasks;
        this.zone = zone;
        this.clock = clock;
        this.within = within;
        subnet.addListener((o, was, now) -> applyView());
        filter.addListener((o, was, now) -> applyView());
        onlyDisagreements.addListener((o, was, now) -> applyView());
    }

    ObservableList<SubnetChoice> subnets() { return subnets; }

    ObjectProperty<SubnetChoice> subnetProperty() { return subnet; }

    ObservableList<Row> rows() { return rows; }

    /** The partners' names, in the relationship's order, for the table's columns. */
    ObservableList<String> partners() { return partners; }

    StringProperty filterProperty() { return filter; }

    BooleanProperty onlyDisagreementsProperty() { return onlyDisagreements; }

    ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }

    BooleanProperty readingProperty() { return reading; }

    /**
     * Shows a relationship's leases (reads them in the background), or nothing for null. Coming back to the tab for
     * the relationship already shown keeps what was read: reading every lease is heavy, "Read again" does it.
     */
    void show(String name) {
        if (name != null && name.equals(relationship) && (read != null || reading.get())) return;
        relationship = name;
        reload();
    }

    /** Reads the shown relationship's leases again. */
    void reload() {
        long mine = ++generation;
        String name = relationship;
        read = null;
        all = List.of();
        subnets.clear();
        rows.clear();
        partners.clear();
        if (name == null) {
            status.set("");
            return;
        }
        reading.set(true);
        status.set("Reading the leases of every partner of " + name + "…");
        // the relationship is looked up here, on the UI thread, where the window's model lives
        Relationship rel = relationships.apply(name).orElse(null);
        tasks.run(() -> {
            if (rel == null) return null;
            Optional<LeaseSource> source = sources.apply(rel);
            if (source.isEmpty()) return new Outcome(rel, null);
            return new Outcome(rel, source.get().read(rel, OptionalLong.empty(), within));
        }, outcome -> {
            if (mine != generation) return;
            reading.set(false);
            shown(name, outcome);
        }, e -> {
            if (mine != generation) return;
            reading.set(false);
            status.set("The leases could not be read: " + e.getMessage());
        });
    }

    private record Outcome(Relationship relationship, PartnerLeases leases) {}

    private void shown(String name, Outcome outcome) {
        if (outcome == null) {
            status.set(name + " is no longer in the console");
            return;
        }
        if (outcome.leases() == null) {
            status.set("The console cannot read the leases of " + outcome.relationship().backend().wire() + " servers");
            return;
        }
        read = outcome.leases();
        readAt = clock.instant();
        compared = read.comparison().rows();
        LeaseConsistency.Result counts = LeaseConsistency.of(name, read, readAt);
        consistency.ifPresent(c -> c.remember(counts));
        partners.setAll(outcome.relationship().peers().stream().map(tandem.core.PeerDefinition::name)
                .filter(read.byPartner()::containsKey).toList());
        all = rows(read);
        List<SubnetChoice> choices = new ArrayList<>();
        choices.add(new SubnetChoice(OptionalLong.empty(), "All subnets", counts.total()));
        counts.perSubnet().forEach(c -> choices.add(new SubnetChoice(OptionalLong.of(c.subnetId()), c.subnet(), c.disagreements())));
        SubnetChoice was = subnet.get();
        subnets.setAll(choices);
        subnet.set(choices.stream().filter(c -> was != null && c.id().equals(was.id())).findFirst().orElse(choices.get(0)));
        applyView();
    }

    private List<Row> rows(PartnerLeases leases) {
        List<Row> out = new ArrayList<>();
        // the year is left out to keep the partners' columns narrow; seconds stay, an expiry may differ by a few
        DateTimeFormatter f = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(zone);
        for (LeaseComparison.Row r : compared) {
            Lease any = r.any();
            Map<String, Held> held = new java.util.LinkedHashMap<>();
            r.byPartner().forEach((p, l) -> held.put(p, l == null ? new Held("-", "-")
                    : new Held(l.state(), l.expires() == 0 ? "never" : f.format(Instant.ofEpochSecond(l.expires())))));
            String why = r.agree() ? "yes" : why(r);
            out.add(new Row(r.ip(), any.client() == null ? "" : any.client(), any.hostname() == null ? "" : any.hostname(),
                    held, r.agree(), why));
        }
        return out;
    }

    /** Which partner holds it alone, or what differs. */
    private static String why(LeaseComparison.Row r) {
        List<String> parts = new ArrayList<>();
        for (LeaseComparison.Difference d : r.differences()) {
            parts.add(switch (d) {
                case ONE_PARTNER_ONLY -> "only on " + String.join(", ", r.holders());
                case EXPIRY -> "expiry differs";
                case STATE -> "state differs";
            });
        }
        return "no: " + String.join("; ", parts);
    }

    private void applyView() {
        if (read == null) return;
        SubnetChoice s = subnet.get();
        OptionalLong id = s == null ? OptionalLong.empty() : s.id();
        List<Row> kept = new ArrayList<>();
        List<LeaseComparison.Row> cmp = compared;
        for (int i = 0; i < all.size(); i++) {
            Row r = all.get(i);
            if (id.isPresent() && cmp.get(i).any().subnetId() != id.getAsLong()) continue;
            if (onlyDisagreements.get() && r.agree()) continue;
            if (!r.matches(filter.get())) continue;
            kept.add(r);
        }
        rows.setAll(kept);
        long disagreeing = all.stream().filter(r -> !r.agree()).count();
        StringBuilder b = new StringBuilder();
        b.append(kept.size()).append(kept.size() == 1 ? " address shown" : " addresses shown");
        if (s != null) {
            b.append("; ").append(s.disagreements()).append(s.disagreements() == 1 ? " disagreement" : " disagreements")
                    .append(s.id().isPresent() ? " in " + s.name() : " in all subnets");
        } else {
            b.append("; ").append(disagreeing).append(" disagreements");
        }
        if (read.truncated()) b.append("; some leases were not read (too many)");
        read.unread().forEach((p, why) -> b.append("; ").append(p).append(" not read: ").append(why));
        b.append(". Read at ").append(DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone).format(readAt));
        status.set(b.toString());
    }
}
