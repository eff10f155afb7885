package tandem.ui.isc;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import tandem.isc.DhcpdConfig;
import tandem.isc.FailoverEdits;
import tandem.isc.FailoverPeer;
import tandem.isc.PeerDeclaration;

/**
 * A server's failover peers and what editing or deleting one does under the peer rules: the last peer's references
 * go, one other peer takes them over, with two or more the administrator picks one. An edit that would break the
 * configuration is refused with the reason; one that holds goes to the preview ({@code onPreview}).
 */
public final class ManageFailoverPeersViewModel {
    private final DhcpdConfig config;
    private final String serverName;
    private final Consumer<FailoverEdits.Edit> onPreview;
    private final StringProperty message = new SimpleStringProperty("");

    /** A question to ask before deleting: which remaining peer takes the deleted one's pools. */
    public record Question(String text, List<String> options) {}

    public ManageFailoverPeersViewModel(DhcpdConfig config, String serverName, Consumer<FailoverEdits.Edit> onPreview) {
        this.config = config;
        this.serverName = serverName;
        this.onPreview = onPreview;
    }

    public String title() { return "Failover peers for " + serverName; }

    public List<String> peers() { return config.peerNames(); }

    /** e.g. "north  (primary, 10.0.0.2, 2 pools)". */
    public String describe(String name) {
        PeerDeclaration pd = config.peer(name).orElseThrow();
        long n = config.pools().stream().filter(p -> name.equals(p.failoverPeer())).count();
        return name + "  (" + (pd.peer().role() == null ? "no role" : pd.peer().role().word()) + ", "
                + pd.peer().peerAddress() + ", " + n + " pool" + (n == 1 ? "" : "s") + ")";
    }

    public ReadOnlyStringProperty messageProperty() { return message; }

    public FailoverPeer peer(String name) { return config.peer(name).orElseThrow().peer(); }

    /** The names the edited peer may not take. */
    public List<String> otherNames(String name) {
        return config.peerNames().stream().filter(n -> !n.equals(name)).toList();
    }

    public void edit(String name, FailoverPeer edited) {
        try {
            preview(FailoverEdits.editPeer(config, name, edited));
        } catch (IllegalArgumentException ex) {
            message.set(ex.getMessage());
        }
    }

    /** Deletes, or says which question to ask first (then {@link #delete(String, String)} with the answer). */
    public Optional<Question> delete(String name) {
        FailoverEdits.Outcome outcome = FailoverEdits.deletePeer(config, name, null);
        if (outcome instanceof FailoverEdits.Choice c) {
            return Optional.of(new Question(c.question().question(), c.question().options()));
        }
        preview((FailoverEdits.Edit) outcome);
        return Optional.empty();
    }

    /** Deletes with the pools moving to {@code movesTo}. */
    public void delete(String name, String movesTo) {
        preview((FailoverEdits.Edit) FailoverEdits.deletePeer(config, name, movesTo));
    }

    private void preview(FailoverEdits.Edit edit) {
        if (!edit.applicable()) {
            message.set("Not possible: " + edit.problems().get(0));
            return;
        }
        message.set("");
        onPreview.accept(edit);
    }
}
