package tandem.ui.isc;

import tandem.ui.BackgroundTasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import tandem.core.AddressRules;
import tandem.core.Backend;
import tandem.core.ImportResult;
import tandem.core.Inventory;
import tandem.core.TextRules;
import tandem.isc.IscServerSettings;
import tandem.ssh.SshSettings;
import tandem.ssh.SshTarget;

/**
 * The Add ISC server dialog's state: the SSH login and the server's commands, each field checked at its place.
 * A host whose key is not yet known is shown with its fingerprint; the administrator trusts it and adds again.
 */
public final class AddIscServerViewModel {
    public enum Field { LOGIN, KEY_FILE, PASSWORD, JUMP, CONFIG_PATH, VALIDATE, RESTART, OMAPI_PORT, NAME }

    private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/=]+");

    private final Inventory inventory;
    private final BackgroundTasks tasks;
    private final java.util.function.Consumer<String> afterAdd;
    private final Map<Field, StringProperty> values = new EnumMap<>(Field.class);
    private final Map<Field, ReadOnlyStringWrapper> problems = new EnumMap<>(Field.class);
    private final BooleanProperty sudo = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper unknownHostKey = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper added = new ReadOnlyBooleanWrapper(false);
    private String trustedHostKey;

    private final tandem.ui.SiteInput site = new tandem.ui.SiteInput();

    /** Where the server stands, stored with it (optional). */
    public tandem.ui.SiteInput site() { return site; }

    /** @param afterAdd told the new server's name (on the FX thread) */
    public AddIscServerViewModel(Inventory inventory, BackgroundTasks tasks, java.util.function.Consumer<String> afterAdd) {
        this.inventory = inventory;
        this.tasks = tasks;
        site.offer(inventory, tasks);
        this.afterAdd = afterAdd;
        for (Field f : Field.values()) {
            values.put(f, new SimpleStringProperty(""));
            problems.put(f, new ReadOnlyStringWrapper());
        }
        values.get(Field.CONFIG_PATH).set(IscServerSettings.DEFAULT_CONFIG_PATH);
        values.get(Field.VALIDATE).set(IscServerSettings.DEFAULT_VALIDATE_COMMAND);
        values.get(Field.RESTART).set(IscServerSettings.DEFAULT_RESTART_COMMAND);
        values.get(Field.OMAPI_PORT).set(String.valueOf(IscServerSettings.DEFAULT_OMAPI_PORT));
        for (Field f : Field.values()) values.get(f).addListener((o, was, now) -> problems.get(f).set(null));
        values.get(Field.LOGIN).addListener((o, was, now) -> unknownHostKey.set(null));
    }

    public StringProperty value(Field f) { return values.get(f); }

    public ReadOnlyStringProperty problem(Field f) { return problems.get(f).getReadOnlyProperty(); }

    public BooleanProperty sudoProperty() { return sudo; }

    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    /** The fingerprint of a host not yet known, while the dialog asks whether to trust it; else null. */
    public ReadOnlyStringProperty unknownHostKeyProperty() { return unknownHostKey.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty addedProperty() { return added.getReadOnlyProperty(); }

    /** The settings as entered, or null with each problem at its field. */
    public IscServerSettings settings() {
        boolean ok = true;
        SshTarget login = null, jump = null;
        try {
            login = SshTarget.parse(text(Field.LOGIN));
        } catch (IllegalArgumentException e) {
            ok = fail(Field.LOGIN, text(Field.LOGIN) == null ? "Enter the SSH login, e.g. admin@dhcp1.example.net" : e.getMessage());
        }
        if (text(Field.JUMP) != null) {
            try {
                jump = SshTarget.parse(text(Field.JUMP));
            } catch (IllegalArgumentException e) {
                ok = fail(Field.JUMP, e.getMessage());
            }
        }
        Path key = text(Field.KEY_FILE) == null ? null : Path.of(text(Field.KEY_FILE));
        if (key != null && !Files.isReadable(key)) ok = fail(Field.KEY_FILE, "Cannot read this file");
        if (key == null && text(Field.PASSWORD) == null) ok = fail(Field.KEY_FILE, "Give a private key or a password");
        // the command line's rules (tandem server add isc), with the same words
        int omapi = 0;
        String portProblem = AddressRules.portProblem(values.get(Field.OMAPI_PORT).get());
        if (portProblem != null) ok = fail(Field.OMAPI_PORT, portProblem + " (dhcpd's omapi-port)");
        else omapi = Integer.parseInt(values.get(Field.OMAPI_PORT).get().strip());
        String config = text(Field.CONFIG_PATH);
        if (config != null && !config.startsWith("/")) ok = fail(Field.CONFIG_PATH, "Must be an absolute path, e.g. /etc/dhcp/dhcpd.conf");
        String validate = text(Field.VALIDATE);
        if (validate != null && !validate.contains("FILE")) ok = fail(Field.VALIDATE, "Name the file to check as FILE, e.g. dhcpd -t -4 -cf FILE");
        for (Field f : new Field[]{Field.CONFIG_PATH, Field.VALIDATE, Field.RESTART}) {
            if (TextRules.hasControlCharacter(values.get(f).get())) ok = fail(f, "Cannot contain control characters such as a line break");
        }
        String name = text(Field.NAME);
        if (name != null && TextRules.nameProblem(name, "A server name") != null) ok = fail(Field.NAME, TextRules.nameProblem(name, "A server name"));
        if (!ok) return null;
        return new IscServerSettings(new SshSettings(login, key, text(Field.PASSWORD), jump, sudo.get()), config, validate,
                text(Field.RESTART), omapi, null);
    }

    /** Adds the server in the background; a new host key stops with its fingerprint shown. */
    public void add() {
        IscServerSettings s = settings();
        if (!site.valid() || s == null) return;
        String where = site.site();
        String name = text(Field.NAME);
        String pin = trustedHostKey;
        busy.set(true);
        message.set("Logging in to " + s.ssh().target() + " and reading " + s.configPath() + "…");
        tasks.run(() -> inventory.add(Backend.ISC, name, s.toConnection(pin, null), java.util.Map.of(), where), result -> {
            busy.set(false);
            if (result instanceof ImportResult.Accepted a) {
                message.set("Added " + a.server().name() + " with " + a.relationships().size() + " relationship(s)");
                added.set(true);
                afterAdd.accept(a.server().name());
                return;
            }
            ImportResult.Refused r = (ImportResult.Refused) result;
            Matcher m = FINGERPRINT.matcher(r.message());
            if (pin == null && m.find() && r.message().contains("host key")) {
                unknownHostKey.set(m.group());
                message.set("The host key of " + s.ssh().target().host() + " is not known yet: " + m.group()
                        + ". Compare it with the server's (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub) and trust it only if it is the same.");
            } else {
                message.set(r.message());
            }
        }, failure -> {
            busy.set(false);
            message.set("Not added: " + failure.getMessage());
        });
    }

    /** The administrator compared the fingerprint and trusts it: add again, accepting exactly that key. */
    public void trustHostKeyAndAdd() {
        trustedHostKey = unknownHostKey.get();
        unknownHostKey.set(null);
        add();
    }

    private boolean fail(Field f, String m) {
        problems.get(f).set(m);
        return false;
    }

    private String text(Field f) {
        String v = values.get(f).get();
        return v == null || v.isBlank() ? null : v.strip();
    }
}
