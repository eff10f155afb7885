package tandem.ui.windows;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import tandem.core.AddressRules;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.ImportResult;
import tandem.core.Inventory;
import tandem.core.PeerDefinition;
import tandem.core.Relationship;
import tandem.core.TextRules;
import tandem.ssh.SshTarget;
import tandem.ui.BackgroundTasks;
import tandem.ui.MessageKind;
import tandem.windows.WindowsPeers;
import tandem.windows.WindowsServerSettings;

/**
 * Add a Windows DHCP server: its OpenSSH login (a password: the failover cmdlets act on the partner too), the host
 * key's fingerprint, a jump host. Test connection checks PowerShell, the DhcpServer module, the service and the
 * rights; Add imports its failover relationships. A partner not in the inventory yet is offered next, with this
 * server's login ("same login as this server") so that credentials are asked only when they differ.
 */
public final class AddWindowsServerViewModel {
    public enum Field { HOST, PORT, USER, PASSWORD, HOST_KEY, JUMP, NAME }

    private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/=]+");

    private final Inventory inventory;
    private final BackgroundTasks tasks;
    private final Consumer<String> afterAdd;
    private final Map<Field, StringProperty> values = new EnumMap<>(Field.class);
    private final Map<Field, ReadOnlyStringWrapper> problems = new EnumMap<>(Field.class);
    private final BooleanProperty sameLogin = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper sameLoginAs = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<MessageKind> kind = new ReadOnlyObjectWrapper<>(MessageKind.NONE);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper added = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<String> notes = FXCollections.observableArrayList();
    private final ObservableList<String> partnersToAdd = FXCollections.observableArrayList();
    private String lastPassword;
    private final Consumer<String> partnerAdded;

    private final tandem.ui.SiteInput site = new tandem.ui.SiteInput();

    /** Where the server stands, stored with it (optional). */
    public tandem.ui.SiteInput site() { return site; }

    /** @param afterAdd told each added server's name (on the FX thread) */
    public AddWindowsServerViewModel(Inventory inventory, BackgroundTasks tasks, Consumer<String> afterAdd) {
        this(inventory, tasks, added -> { }, afterAdd);
    }

    /**
     * @param partnerAdded told each added server's name in the background, so that relationships that came in through
     *                     its partner reach it with its own login
     * @param afterAdd     told each added server's name (on the FX thread)
     */
    public AddWindowsServerViewModel(Inventory inventory, BackgroundTasks tasks, Consumer<String> partnerAdded,
                                     Consumer<String> afterAdd) {
        this.partnerAdded = partnerAdded;
        this.inventory = inventory;
        this.tasks = tasks;
        site.offer(inventory, tasks);
        this.afterAdd = afterAdd;
        for (Field f : Field.values()) {
            values.put(f, new SimpleStringProperty(""));
            problems.put(f, new ReadOnlyStringWrapper());
            values.get(f).addListener((o, was, now) -> problems.get(f).set(null));
        }
        values.get(Field.PORT).set(String.valueOf(SshTarget.DEFAULT_PORT));
        values.get(Field.USER).set("Administrator");
    }

    public StringProperty value(Field f) { return values.get(f); }
    public ReadOnlyStringProperty problem(Field f) { return problems.get(f).getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<MessageKind> kindProperty() { return kind.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty addedProperty() { return added.getReadOnlyProperty(); }
    public ObservableList<String> notes() { return notes; }

    /** Partners of the relationships just imported that are not in the inventory yet. */
    public ObservableList<String> partnersToAdd() { return partnersToAdd; }

    /** While adding a partner: use the login of the server added before, so credentials are asked only if they differ. */
    public BooleanProperty sameLoginProperty() { return sameLogin; }

    /** The server whose login "same login" means, or null when no server was added in this dialog. */
    public ReadOnlyStringProperty sameLoginAsProperty() { return sameLoginAs.getReadOnlyProperty(); }

    /** The settings as entered, or null with each problem at its field. */
    public WindowsServerSettings settings() {
        boolean ok = true;
        String host = text(Field.HOST);
        String user = text(Field.USER);
        int port = 0;
        if (host == null) ok = fail(Field.HOST, "Enter the server's host name or address");
        else if (host.contains("@") || host.contains(" ")) ok = fail(Field.HOST, "Only the host, e.g. dhcp1.corp.example; the user goes below");
        String portProblem = AddressRules.portProblem(values.get(Field.PORT).get());
        if (portProblem != null) ok = fail(Field.PORT, portProblem);
        else port = Integer.parseInt(values.get(Field.PORT).get().strip());
        if (user == null) ok = fail(Field.USER, "Enter the user, e.g. Administrator or CORP\\dhcpadmin");
        String password = password();
        if (password == null) ok = fail(Field.PASSWORD, "Enter the password: failover changes act on the partner, which needs it");
        SshTarget jump = null;
        if (text(Field.JUMP) != null) {
            try {
                jump = SshTarget.parse(text(Field.JUMP));
            } catch (IllegalArgumentException e) {
                ok = fail(Field.JUMP, FieldProblems.capitalized(e.getMessage()));
            }
        }
        String key = text(Field.HOST_KEY);
        if (key != null && !FINGERPRINT.matcher(key).matches()) ok = fail(Field.HOST_KEY, "Expected SHA256:… as ssh-keygen -lf prints it");
        String name = text(Field.NAME);
        if (name != null && TextRules.nameProblem(name, "A server name") != null) ok = fail(Field.NAME, TextRules.nameProblem(name, "A server name"));
        if (!ok) return null;
        return WindowsServerSettings.of(new SshTarget(user, host, port), password, jump);
    }

    private String password() {
        if (sameLogin.get() && lastPassword != null) return lastPassword;
        String p = values.get(Field.PASSWORD).get();
        return p == null || p.isEmpty() ? null : p;
    }

    private ConnectionSettings connection(WindowsServerSettings s) { return s.toConnection(text(Field.HOST_KEY), null); }

    /** Checks the login and the server's readiness in the background; says what it found. */
    public void testConnection() {
        WindowsServerSettings s = settings();
        if (s == null || busy.get()) return;
        busy.set(true);
        say("Logging in to " + s.ssh().target() + "…", MessageKind.INFO);
        ConnectionSettings c = connection(s);
        tasks.run(() -> inventory.importer(Backend.WINDOWS).check(c), check -> {
            busy.set(false);
            if (check.ok()) say("Connection works: " + check.message(), MessageKind.SUCCESS);
            else refused(check.message(), null);
        }, failure -> {
            busy.set(false);
            say("Connection failed: " + PlanReview.text(failure), MessageKind.ERROR);
        });
    }

    /** Adds the server in the background and shows what the import noted. */
    public void add() {
        WindowsServerSettings s = settings();
        if (!site.valid() || s == null || busy.get()) return;
        String where = site.site();
        busy.set(true);
        say("Logging in to " + s.ssh().target() + " and reading its failover relationships…", MessageKind.INFO);
        ConnectionSettings c = connection(s);
        String name = text(Field.NAME);
        tasks.run(() -> {
            ImportResult r = inventory.add(Backend.WINDOWS, name, c, java.util.Map.of(), where);
            if (r instanceof ImportResult.Accepted a) partnerAdded.accept(a.server().name());
            return r;
        }, result -> {
            busy.set(false);
            if (result instanceof ImportResult.Accepted a) {
                accepted(a, s);
            } else {
                ImportResult.Refused r = (ImportResult.Refused) result;
                refused(r.message(), r.field());
            }
        }, failure -> {
            busy.set(false);
            say("Not added: " + PlanReview.text(failure), MessageKind.ERROR);
        });
    }

    private void accepted(ImportResult.Accepted a, WindowsServerSettings s) {
        String name = a.server().name();
        added.set(true);
        notes.setAll(a.notes());
        WindowsPeers peers = new WindowsPeers(inventory::servers);
        List<String> missing = new ArrayList<>();
        for (Relationship r : a.relationships()) {
            for (PeerDefinition p : r.peers()) {
                if (!p.name().equals(name) && peers.record(p.name()).isEmpty() && !missing.contains(p.name())) missing.add(p.name());
            }
        }
        partnersToAdd.setAll(missing);
        lastPassword = s.ssh().password();
        sameLoginAs.set(name);
        say("Added " + name + " with " + a.relationships().size() + " relationship(s)"
                + (missing.isEmpty() ? "" : ". Its partner " + String.join(", ", missing) + " is not in the console yet: add it too."),
                MessageKind.SUCCESS);
        afterAdd.accept(name);
    }

    /**
     * Starts adding {@code partner}: its name as the host, the login of the server just added. The port, host and
     * host key stay editable (a partner is another machine, with its own key).
     */
    public void addPartner(String partner) {
        values.get(Field.HOST).set(partner);
        values.get(Field.NAME).set("");
        values.get(Field.HOST_KEY).set("");
        values.get(Field.PASSWORD).set("");
        sameLogin.set(true);
        added.set(false);
        notes.clear();
        partnersToAdd.remove(partner);
        say("Adding the partner " + partner + " with the login of " + sameLoginAs.get()
                + "; uncheck \"same login\" if its credentials differ.", MessageKind.INFO);
    }

    private void refused(String text, String field) {
        Matcher m = FINGERPRINT.matcher(text == null ? "" : text);
        if (text(Field.HOST_KEY) == null && m.find() && text.contains("host key")) {
            values.get(Field.HOST_KEY).set(m.group());
            problems.get(Field.HOST_KEY).set("Not known yet: compare with the server's key (ssh-keygen -lf"
                    + " C:\\ProgramData\\ssh\\ssh_host_ed25519_key.pub) and click again only if it is the same");
            say("The host key of " + text(Field.HOST) + " is not known yet: " + m.group(), MessageKind.ERROR);
            return;
        }
        if ("url".equals(field)) problems.get(Field.HOST).set(text);
        say("Not added: " + text, MessageKind.ERROR);
    }

    private boolean fail(Field f, String m) {
        problems.get(f).set(m);
        return false;
    }

    private void say(String text, MessageKind k) {
        message.set(text);
        kind.set(k);
    }

    private String text(Field f) {
        String v = values.get(f).get();
        return v == null || v.isBlank() ? null : v.strip();
    }
}
