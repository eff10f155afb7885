package tandem.ui;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import tandem.core.Inventory;
import tandem.core.ServerRecord;

/**
 * The state of the dialog that sets where a server stands: the site typed or picked among those already in use, its
 * problem shown at the field, and the saving, which happens off the FX thread.
 */
public final class SiteViewModel {
    private final Inventory inventory;
    private final BackgroundTasks tasks;
    private final String server;
    private final String current;
    private final StringProperty site = new SimpleStringProperty("");
    private final ObservableList<String> sitesInUse = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper();

    /** @param servers the inventory's servers as just read: the server's site now and the sites to offer */
    public SiteViewModel(Inventory inventory, BackgroundTasks tasks, String server, List<ServerRecord> servers) {
        this.inventory = inventory;
        this.tasks = tasks;
        this.server = server;
        this.current = servers.stream().filter(s -> s.name().equals(server)).map(ServerRecord::site)
                .filter(Objects::nonNull).findFirst().orElse(null);
        // one entry per site whatever its letter case, in the order a person looks for it
        TreeSet<String> sites = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        servers.stream().map(ServerRecord::site).filter(Objects::nonNull).forEach(sites::add);
        sitesInUse.setAll(sites.stream().sorted(NaturalOrder.INSTANCE).toList());
        site.set(current == null ? "" : current);
        site.addListener((o, was, now) -> problem.set(null));
    }

    public String server() { return server; }

    /** The site stored now, null when none. */
    public String current() { return current; }

    public StringProperty siteProperty() { return site; }

    public ObservableList<String> sitesInUse() { return sitesInUse; }

    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty savingProperty() { return saving.getReadOnlyProperty(); }

    /**
     * Checks the site and stores it in the background; {@code onSaved} runs on the FX thread with the site stored
     * (null: cleared). A problem shows at the field instead.
     */
    public void save(java.util.function.Consumer<String> onSaved) {
        String normal;
        try {
            normal = ServerRecord.normalSite(site.get());
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
            return;
        }
        // the same site as stored, apart from letter case, would leave two spellings of one site
        String existing = normal == null ? null : sitesInUse.stream()
                .filter(s -> s.toLowerCase(Locale.ROOT).equals(normal.toLowerCase(Locale.ROOT))).findFirst().orElse(null);
        String chosen = existing != null && !existing.equals(normal) ? existing : normal;
        if (Objects.equals(chosen, current)) {
            onSaved.accept(current);
            return;
        }
        saving.set(true);
        tasks.run(() -> inventory.setSite(server, chosen), found -> {
            saving.set(false);
            if (found) onSaved.accept(chosen);
            else problem.set(server + " is no longer in the inventory");
        }, e -> {
            saving.set(false);
            problem.set(e.getMessage() == null ? e.toString() : e.getMessage());
        });
    }
}
