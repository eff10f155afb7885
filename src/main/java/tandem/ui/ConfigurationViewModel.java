package tandem.ui;

import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Predicate;
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
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import tandem.core.config.ConfigRow;
import tandem.core.config.ConfigTables;

/**
 * The Configuration tab without its controls: which relationship it shows, reading its tables in the background,
 * and one filter over the table that is shown. The tab gives each table's comparator to {@link #sorted}; the
 * filter matches every word typed against a row's {@link ConfigRow#searchText()}, computed once per read.
 */
public final class ConfigurationViewModel {
    /** The tables, in the order the tab offers them. */
    public enum Kind {
        SUBNETS("Subnets"), POOLS("Pools"), RESERVATIONS("Reservations"), OPTIONS("Options"),
        SHARED_NETWORKS("Shared networks"), CLIENT_CLASSES("Client classes");

        private final String label;

        Kind(String label) { this.label = label; }

        public String label() { return label; }

        List<? extends ConfigRow> rowsOf(ConfigTables t) {
            return switch (this) {
                case SUBNETS -> t.subnets();
                case POOLS -> t.pools();
                case RESERVATIONS -> t.reservations();
                case OPTIONS -> t.options();
                case SHARED_NETWORKS -> t.sharedNetworks();
                case CLIENT_CLASSES -> t.classes();
            };
        }
    }

    /**
     * How one relationship's tables are read.
     *
     * @param from the server asked first, for "Reading from …"
     */
    public record Reading(String from, Callable<ConfigTables> read) { }

    private final BackgroundTasks tasks;
    private final Function<String, Optional<Reading>> reader;
    private final Map<Kind, ObservableList<ConfigRow>> source = new java.util.EnumMap<>(Kind.class);
    private final Map<Kind, FilteredList<ConfigRow>> filtered = new java.util.EnumMap<>(Kind.class);
    private final Map<Kind, SortedList<ConfigRow>> sorted = new java.util.EnumMap<>(Kind.class);
    private final ObjectProperty<Kind> shown = new SimpleObjectProperty<>(Kind.SUBNETS);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<MessageKind> messageKind = new ReadOnlyObjectWrapper<>(MessageKind.NONE);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<ConfigTables> tables = new ReadOnlyObjectWrapper<>();
    /** Each row's words, lower-cased once per read rather than once per key press. */
    private Map<ConfigRow, String> words = new IdentityHashMap<>();
    private String relationship;
    /** Bumped by every read and every change of relationship, so a late answer for another one is dropped. */
    private long generation;

    /** @param reader how a relationship's tables are read; empty when its backend has none */
    public ConfigurationViewModel(BackgroundTasks tasks, Function<String, Optional<Reading>> reader) {
        this.tasks = tasks;
        this.reader = reader;
        for (Kind k : Kind.values()) {
            // sorted under filtered: a key press filters rows already in order, it never sorts them again
            ObservableList<ConfigRow> rows = FXCollections.observableArrayList();
            SortedList<ConfigRow> order = new SortedList<>(rows);
            source.put(k, rows);
            sorted.put(k, order);
            filtered.put(k, new FilteredList<>(order));
        }
        filter.addListener((o, was, now) -> applyFilter(shown.get()));
        shown.addListener((o, was, now) -> {
            // the other tables keep no filter: switching shows them whole until the filter applies to them
            if (was != null) filtered.get(was).setPredicate(null);
            applyFilter(now);
        });
    }

    /** The rows of one table as shown: sorted, then filtered. */
    public FilteredList<ConfigRow> rows(Kind kind) { return filtered.get(kind); }

    /** The order of one table's rows: the table sets its comparator here when a header is clicked. */
    public SortedList<ConfigRow> sorted(Kind kind) { return sorted.get(kind); }

    /** How many rows the table has before filtering. */
    public int total(Kind kind) { return source.get(kind).size(); }

    public ObjectProperty<Kind> shownProperty() { return shown; }

    public StringProperty filterProperty() { return filter; }

    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<MessageKind> messageKindProperty() { return messageKind.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    /** The tables last read, or null. */
    public ReadOnlyObjectProperty<ConfigTables> tablesProperty() { return tables.getReadOnlyProperty(); }

    public String relationship() { return relationship; }

    /** Shows a relationship (null: none); reads its tables unless they are the ones shown already. */
    public void show(String relationshipName) {
        if (relationshipName != null && relationshipName.equals(relationship) && tables.get() != null) return;
        relationship = relationshipName;
        clear();
        if (relationshipName == null) {
            say("Select a relationship to see its subnets, pools, reservations and options", MessageKind.NONE);
            return;
        }
        refresh();
    }

    /** Reads the shown relationship's tables again (Refresh, and after a change). */
    public void refresh() {
        String name = relationship;
        if (name == null) return;
        long mine = ++generation;
        Optional<Reading> reading = reader.apply(name);
        if (reading.isEmpty()) {
            clear();
            say("The console cannot show the configuration of " + name + " yet", MessageKind.NONE);
            return;
        }
        busy.set(true);
        say("Reading from " + reading.get().from() + "…", MessageKind.INFO);
        Map<Kind, Comparator<? super ConfigRow>> order = new java.util.EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) if (sorted.get(k).getComparator() != null) order.put(k, sorted.get(k).getComparator());
        tasks.run(() -> {
            ConfigTables t = reading.get().read().call();
            return new Read(t, index(t), inOrder(t, order));
        }, read -> {
            if (mine != generation) return;
            busy.set(false);
            load(read);
        }, e -> {
            if (mine != generation) return;
            busy.set(false);
            say("Could not read the configuration of " + name + ": " + reason(e), MessageKind.ERROR);
        });
    }

    /** @param rows each table's rows, in the order shown when the read began */
    private record Read(ConfigTables tables, Map<ConfigRow, String> words, Map<Kind, List<? extends ConfigRow>> rows) { }

    /**
     * Each table's rows sorted as the table was when the read began, in the background: the sorted list then finds
     * them in order, a single pass on the FX thread instead of a sort of thousands of rows. The comparators only
     * read the rows' values.
     */
    private static Map<Kind, List<? extends ConfigRow>> inOrder(ConfigTables t, Map<Kind, Comparator<? super ConfigRow>> order) {
        Map<Kind, List<? extends ConfigRow>> out = new java.util.EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            Comparator<? super ConfigRow> c = order.get(k);
            if (c == null) {
                out.put(k, k.rowsOf(t));
            } else {
                List<ConfigRow> rows = new java.util.ArrayList<>(k.rowsOf(t));
                rows.sort(c);
                out.put(k, rows);
            }
        }
        return out;
    }

    /** Lower-cases every row's words once, in the background. */
    private static Map<ConfigRow, String> index(ConfigTables t) {
        Map<ConfigRow, String> out = new IdentityHashMap<>();
        for (Kind k : Kind.values()) for (ConfigRow r : k.rowsOf(t)) out.put(r, r.searchText());
        return out;
    }

    private void load(Read read) {
        words = read.words();
        for (Kind k : Kind.values()) {
            filtered.get(k).setPredicate(null);
            source.get(k).setAll(read.rows().get(k));
        }
        // last: whoever listens (the selectors' counts) sees the rows already there
        tables.set(read.tables());
        applyFilter(shown.get());
        ConfigTables t = read.tables();
        say("Read from " + t.readFrom() + " at " + java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
                .withZone(java.time.ZoneId.systemDefault()).format(t.readAt()), MessageKind.NONE);
    }

    private void clear() {
        ++generation;
        busy.set(false);
        tables.set(null);
        words = new IdentityHashMap<>();
        for (Kind k : Kind.values()) source.get(k).clear();
    }

    private void applyFilter(Kind kind) {
        if (kind == null) return;
        filtered.get(kind).setPredicate(predicate(filter.get()));
    }

    /** Every word typed must occur in the row; null (everything) for an empty filter. */
    Predicate<ConfigRow> predicate(String text) {
        if (text == null || text.isBlank()) return null;
        String[] wanted = text.strip().toLowerCase(Locale.ROOT).split("\\s+");
        Map<ConfigRow, String> index = words;
        return row -> {
            String w = index.get(row);
            if (w == null) w = row.searchText();
            for (String s : wanted) if (!w.contains(s)) return false;
            return true;
        };
    }

    private void say(String text, MessageKind kind) {
        message.set(text);
        messageKind.set(kind);
    }

    private static String reason(Throwable e) {
        Throwable t = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
