package tandem.ui.kea;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The control sockets of partners the console could not find by itself: a Kea 3 peer whose URL in the HA
 * configuration is a dedicated HA listener, which answers HA commands only. The Add server form asks for each such
 * partner once the importer names it, and sends what was typed with the next Add.
 */
public final class PeerUrlInputs {
    /** One partner's control socket URL, with the message shown under it. */
    public static final class Input {
        private final String peer;
        private final StringProperty url = new SimpleStringProperty(this, "url", "");
        private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem");

        Input(String peer) {
            this.peer = peer;
            url.addListener((o, was, now) -> problem.set(null)); // a new value is judged on the next Add
        }

        public String peer() { return peer; }

        public StringProperty urlProperty() { return url; }

        public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }
    }

    private final ObservableList<Input> inputs = FXCollections.observableArrayList();

    public ObservableList<Input> inputs() { return inputs; }

    /** Asks for {@code peer}'s control socket (once), showing why. */
    Input ask(String peer, String why) {
        Input input = inputs.stream().filter(i -> i.peer.equals(peer)).findFirst().orElseGet(() -> {
            Input added = new Input(peer);
            inputs.add(added);
            return added;
        });
        input.problem.set(why);
        return input;
    }

    /** The URLs typed so far by partner name; empty when one of them is not an http(s) URL (it then says so). */
    Optional<Map<String, URI>> values() {
        Map<String, URI> out = new LinkedHashMap<>();
        boolean ok = true;
        for (Input i : inputs) {
            String text = i.url.get() == null ? "" : i.url.get().strip();
            if (text.isEmpty()) continue;
            URI uri = httpUri(text);
            if (uri == null) {
                i.problem.set("Enter the URL of " + i.peer + "'s control socket, e.g. https://192.0.2.11:8000/");
                ok = false;
            } else if (uri.getUserInfo() != null) {
                i.problem.set("Give no user name or password in the URL: the User and Password above are used");
                ok = false;
            } else {
                out.put(i.peer, uri);
            }
        }
        return ok ? Optional.of(out) : Optional.empty();
    }

    private static URI httpUri(String text) {
        try {
            URI u = new URI(text);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null ? u : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
