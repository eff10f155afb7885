package tandem.ui;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import java.time.Instant;
import tandem.core.port.ReplicationStore;
import tandem.core.port.ReplicationStore.JournalEntry;

/**
 * The details pane's "Changes": the relationship's recent changes from the journal (the newest applied one with
 * Undo), changes waiting for the primary, and peers out of sync. Read from the store in the background.
 */
final class ChangesSection extends VBox {
    static final int SHOWN = 5;

    /** What the section shows for one relationship; compared so a poll that changes nothing redraws nothing. */
    record Content(String relationship, List<JournalEntry> recent, int pending, Map<String, String> outOfSync) {}

    private final ReplicationStore store;
    private final BackgroundTasks tasks;
    private final Function<Instant, String> time;
    private final BiConsumer<String, JournalEntry> undo;
    private final VBox lines = new VBox(3);
    private Content shown;
    private String relationship;
    private String server;

    /** @param undo told the relationship and the entry to undo */
    ChangesSection(ReplicationStore store, BackgroundTasks tasks, Function<Instant, String> time,
                   BiConsumer<String, JournalEntry> undo) {
        super(4);
        this.store = store;
        this.tasks = tasks;
        this.time = time;
        this.undo = undo;
        Label heading = new Label("Changes");
        heading.getStyleClass().add("section-heading");
        lines.setId("detailsChanges");
        getChildren().addAll(heading, lines);
        getStyleClass().add("changes-section");
    }

    /** Shows the relationship's changes as the store has them now. */
    void show(String relationshipName) {
        show(relationshipName, relationshipName);
    }

    /**
     * Shows the relationship's changes and those journaled for its server as a whole (a dhcpd.conf write changes
     * every relationship of the server).
     */
    void show(String relationshipName, String serverName) {
        relationship = relationshipName;
        server = serverName;
        if (relationshipName == null) return;
        tasks.run(() -> {
            List<JournalEntry> recent = store.recent(200).stream()
                    .filter(e -> e.relationship().equals(relationshipName) || e.relationship().equals(serverName))
                    .limit(SHOWN).toList();
            return new Content(relationshipName, recent, store.pending(relationshipName).size(),
                    store.outOfSync(relationshipName));
        }, content -> {
            if (content.relationship().equals(relationship) && !content.equals(shown)) draw(content);
        }, e -> {
            shown = null;
            Label l = new Label("Could not read the change journal: " + e.getMessage());
            l.getStyleClass().add("changes-warning");
            lines.getChildren().setAll(l);
        });
    }

    /** Reads the store again for the relationship shown. */
    void reload() { show(relationship, server); }

    private void draw(Content c) {
        shown = c;
        lines.getChildren().clear();
        if (c.recent().isEmpty() && c.outOfSync().isEmpty()) {
            Label none = new Label("No changes made through the console yet");
            none.getStyleClass().add("dim");
            lines.getChildren().add(none);
        }
        // the newest configuration change (synchronizations and HA actions carry no change to undo)
        JournalEntry newest = c.recent().stream().filter(e -> e.change() != null).findFirst().orElse(null);
        JournalEntry undoable = newest == null || newest.status() != ReplicationStore.Status.APPLIED
                || newest.inverse() == null ? null : newest;
        for (JournalEntry e : c.recent()) {
            Label when = new Label(time.apply(e.createdAt()));
            when.getStyleClass().add("dim");
            Label what = new Label(e.description());
            what.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(what, Priority.ALWAYS);
            Label status = new Label(switch (e.status()) {
                case APPLIED -> e.appliedTo() == null ? "applied" : "applied on " + e.appliedTo();
                case PENDING_PRIMARY -> "on " + e.appliedTo() + ", waiting for the primary";
                case REPLAYED -> "replayed on the primary";
                case IN_PROGRESS -> "being applied by " + e.process() + " (pid " + e.pid() + ")";
                case FAILED -> "not applied";
                case UNKNOWN -> "outcome unknown: settled by reading the servers";
                case CONFLICT -> "conflict: the returning primary refused it; check and apply it again";
            });
            status.getStyleClass().addAll("dim", "journal-status-" + e.status().name().toLowerCase(java.util.Locale.ROOT));
            HBox row = new HBox(10, when, what, status);
            row.setAlignment(Pos.CENTER_LEFT);
            row.setId("journal-" + e.id());
            row.getStyleClass().add("journal-entry");
            if (e == undoable) {
                Button b = new Button("Undo");
                b.setId("undoChange");
                b.getStyleClass().add("small-button");
                b.setOnAction(ev -> undo.accept(c.relationship(), e));
                row.getChildren().add(b);
            }
            lines.getChildren().add(row);
        }
        if (c.pending() > 0) {
            Label l = new Label(c.pending() + (c.pending() == 1 ? " change waits" : " changes wait")
                    + " for the primary; it receives them when it is back");
            l.setId("journalPending");
            l.getStyleClass().add("changes-warning");
            lines.getChildren().add(l);
        }
        for (var e : c.outOfSync().entrySet()) {
            Label l = new Label(e.getKey() + " is out of sync: " + e.getValue());
            l.setId("outOfSync-" + e.getKey());
            l.setWrapText(true);
            l.getStyleClass().add("changes-warning");
            lines.getChildren().add(l);
        }
    }
}
