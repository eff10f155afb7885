package tandem.ui;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import tandem.core.change.Redaction;
import tandem.core.port.AuditStore;
import tandem.core.port.AuditStore.AuditRecord;
import tandem.core.port.AuditStore.Query;

/**
 * The audit view: the audit trail filtered by relationship, user and a first day, newest first, and the selected
 * record's servers and diff. Every read runs in the background; a filter change reads again.
 */
public final class AuditViewModel {
    /** The relationship choice that filters nothing. */
    public static final String ALL = "All";
    /** How many records one read shows at most: the newest. */
    public static final int LIMIT = 500;

    /** One server's outcome for the selected record, with how it is shown. */
    public record ServerOutcome(String server, String outcome, OutcomeKind kind) {
        static ServerOutcome of(String server, String outcome) {
            String o = outcome == null ? "" : outcome;
            OutcomeKind kind = o.startsWith("applied") ? OutcomeKind.VERIFIED
                    : o.startsWith("failed") ? OutcomeKind.FAILED
                    : OutcomeKind.OFFLINE; // unknown, skipped, not changed: nothing known to be wrong
            return new ServerOutcome(server, o, kind);
        }
    }

    private record Loaded(List<String> relationships, List<AuditRecord> records) {}

    private final AuditStore store;
    private final Supplier<List<String>> relationships;
    private final BackgroundTasks tasks;
    private final ZoneId zone;
    private final DateTimeFormatter time;

    private final ObservableList<String> relationshipChoices = FXCollections.observableArrayList(ALL);
    private final ObjectProperty<String> relationship = new SimpleObjectProperty<>(ALL);
    private final StringProperty user = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> since = new SimpleObjectProperty<>();
    private final ObservableList<AuditRecord> records = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<AuditRecord> selected = new ReadOnlyObjectWrapper<>();
    private final ObservableList<ServerOutcome> servers = FXCollections.observableArrayList();
    private final ObservableList<String> diff = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<MessageKind> messageKind = new ReadOnlyObjectWrapper<>(MessageKind.NONE);
    /** Which read's answer is shown: an older read finishing late must not replace a newer filter's records. */
    private long generation;

    /**
     * @param relationships the inventory's relationship names, read in the background with each load
     * @param zone          the time zone of the times shown and of the "since" day
     */
    public AuditViewModel(AuditStore store, Supplier<List<String>> relationships, BackgroundTasks tasks, ZoneId zone) {
        this.store = store;
        this.relationships = relationships;
        this.tasks = tasks;
        this.zone = zone;
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
        relationship.addListener((o, was, now) -> {
            if (now == null) relationship.set(ALL); // a choice list being replaced briefly selects nothing
            else load();
        });
        user.addListener((o, was, now) -> load());
        since.addListener((o, was, now) -> load());
        selected.addListener((o, was, now) -> showSelected(now));
    }

    public ObservableList<String> relationshipChoices() { return relationshipChoices; }

    /** The relationship filter: a name, or {@link #ALL}. */
    public ObjectProperty<String> relationshipProperty() { return relationship; }

    /** The user filter: the exact user name, or blank for everyone. */
    public StringProperty userProperty() { return user; }

    /** The first day shown (from its start in the view's zone), or null for no limit. */
    public ObjectProperty<LocalDate> sinceProperty() { return since; }

    /** Newest first. */
    public ObservableList<AuditRecord> records() { return records; }

    public ReadOnlyObjectProperty<AuditRecord> selectedProperty() { return selected.getReadOnlyProperty(); }

    /** The selected record's servers, each with its outcome. */
    public ObservableList<ServerOutcome> servers() { return servers; }

    /** The selected record's diff, one line per element. */
    public ObservableList<String> diff() { return diff; }

    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<MessageKind> messageKindProperty() { return messageKind.getReadOnlyProperty(); }

    public String time(Instant at) { return at == null ? "" : time.format(at); }

    public void select(AuditRecord record) { selected.set(record); }

    /** The query the filters make now. */
    Query query() {
        String rel = relationship.get() == null || relationship.get().equals(ALL) ? null : relationship.get();
        String who = user.get() == null || user.get().isBlank() ? null : user.get().strip();
        Instant from = since.get() == null ? null : since.get().atStartOfDay(zone).toInstant();
        return new Query(rel, who, from, null, LIMIT);
    }

    /** Reads the inventory's relationships and the records the filters select. */
    public void load() {
        long mine = ++generation;
        Query q = query();
        busy.set(true);
        tasks.run(() -> new Loaded(relationships.get(), store.find(q)), loaded -> {
            if (mine != generation) return;
            busy.set(false);
            showChoices(loaded.relationships());
            showRecords(loaded.records());
        }, failure -> {
            if (mine != generation) return;
            busy.set(false);
            say("Could not read the audit trail: " + (failure.getMessage() == null ? failure : failure.getMessage()),
                    MessageKind.ERROR);
        });
    }

    private void showChoices(List<String> names) {
        List<String> wanted = new ArrayList<>();
        wanted.add(ALL);
        names.stream().distinct().sorted().forEach(wanted::add);
        // a relationship removed since it was chosen stays a choice, or the filter would silently change
        String current = relationship.get();
        if (current != null && !wanted.contains(current)) wanted.add(current);
        if (!wanted.equals(relationshipChoices)) relationshipChoices.setAll(wanted);
    }

    private void showRecords(List<AuditRecord> found) {
        Long keep = selected.get() == null ? null : selected.get().id();
        records.setAll(found);
        selected.set(keep == null ? null : found.stream().filter(r -> r.id() == keep).findFirst().orElse(null));
        if (found.isEmpty()) {
            boolean filtered = query().relationship() != null || query().user() != null || query().since() != null;
            say(filtered ? "No changes match these filters" : "No changes recorded yet", MessageKind.INFO);
        } else {
            say(found.size() >= LIMIT ? "The newest " + LIMIT + " changes" : found.size() == 1 ? "1 change"
                    : found.size() + " changes", MessageKind.NONE);
        }
    }

    private void showSelected(AuditRecord r) {
        if (r == null) {
            servers.clear();
            diff.clear();
            return;
        }
        List<ServerOutcome> out = new ArrayList<>();
        for (Map.Entry<String, String> e : r.servers().entrySet()) out.add(ServerOutcome.of(e.getKey(), e.getValue()));
        servers.setAll(out);
        // stored redacted by the change runner; redacted again in case an older writer stored it in the clear
        String text = Redaction.redact(r.diff());
        diff.setAll(text == null || text.isBlank() ? List.of() : List.of(text.split("\n")));
    }

    private void say(String text, MessageKind kind) {
        message.set(text);
        messageKind.set(kind);
    }
}
