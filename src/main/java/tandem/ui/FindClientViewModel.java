package tandem.ui;

import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import tandem.core.lease.ClientFinder;
import tandem.core.lease.ClientQuery;

/** Find client (Ctrl+F): a client's reservations and leases on every server, searched in the background. */
final class FindClientViewModel {
    /** One match as the list shows it. */
    record Row(String relationship, String subnet, String kind, String ip, String client, String hostname,
               String partners, boolean agree, String agreement) {
        static Row of(ClientFinder.Match m) {
            String client = m.duid() != null ? m.duid() : m.mac() == null ? "" : m.mac();
            String agreement = m.agree() ? "yes"
                    : "no" + (m.lacking().isEmpty() ? ": partners hold it differently" : ": missing on " + String.join(", ", m.lacking()));
            return new Row(m.relationship(), m.subnet(), m.kind(), m.ip() == null ? "" : m.ip(), client,
                    m.hostname() == null ? "" : m.hostname(), String.join(", ", m.holders()), m.agree(), agreement);
        }
    }

    private final java.util.function.Supplier<ClientFinder> finder;
    private final BackgroundTasks tasks;
    private final StringProperty query = new SimpleStringProperty("");
    private final ObservableList<Row> results = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Type an address, MAC, DUID or host name");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final BooleanProperty searching = new SimpleBooleanProperty(false);
    private long generation;

    FindClientViewModel(java.util.function.Supplier<ClientFinder> finder, BackgroundTasks tasks) {
        this.finder = finder;
        this.tasks = tasks;
    }

    StringProperty queryProperty() { return query; }

    ObservableList<Row> results() { return results; }

    ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }

    /** Why the text is no query, shown at the field; null when it is one. */
    ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }

    BooleanProperty searchingProperty() { return searching; }

    /** Searches every server for the text typed, in the background. */
    void search() {
        String text = query.get() == null ? "" : query.get().strip();
        Optional<ClientQuery> q = ClientQuery.parse(text);
        if (q.isEmpty()) {
            problem.set(text.isEmpty() ? "Type an address, MAC, DUID or host name" : ClientQuery.problem(text));
            return;
        }
        problem.set(null);
        long mine = ++generation;
        results.clear();
        searching.set(true);
        status.set("Searching every server for " + text + "…");
        tasks.run(() -> finder.get().find(q.get()), r -> {
            if (mine != generation) return;
            searching.set(false);
            List<Row> rows = r.matches().stream().map(Row::of).toList();
            results.setAll(rows);
            StringBuilder b = new StringBuilder(rows.isEmpty() ? "Nothing found for " + text
                    : rows.size() + (rows.size() == 1 ? " match" : " matches") + " for " + text);
            long disagreeing = rows.stream().filter(x -> !x.agree()).count();
            if (disagreeing > 0) b.append(", ").append(disagreeing).append(" where the partners disagree");
            r.unread().forEach((p, why) -> b.append("; not read: ").append(p).append(" (").append(why).append(')'));
            status.set(b.toString());
        }, e -> {
            if (mine != generation) return;
            searching.set(false);
            status.set("The search failed: " + e.getMessage());
        });
    }
}
