package tandem.ui;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import tandem.core.port.TeamStoreSettings;
import tandem.core.port.TeamStoreSettings.Connection;
import tandem.core.port.TeamStoreSettings.TestResult;

/**
 * Preferences → Team database: the desktop's own store or a team's PostgreSQL database, each field checked where it
 * is typed, a connection test in the background, and the choice kept for the next start of the console. The password
 * is only ever held in {@link #passwordProperty()} and handed to the settings; it appears in no message.
 */
public final class TeamDatabaseViewModel {
    public enum Field { HOST, PORT, DATABASE, LOGIN, PASSWORD }

    /** How long the connection test may take before it counts as failed. */
    public static final Duration TEST_TIMEOUT = Duration.ofSeconds(10);
    /** New settings ask for TLS: the login's password crosses the network. */
    public static final String DEFAULT_SSL_MODE = "require";
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,62}");
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,62}");

    private final TeamStoreSettings settings;
    private final BackgroundTasks tasks;
    private final TeamStoreSettings.Saved saved;

    private final BooleanProperty team = new SimpleBooleanProperty();
    private final StringProperty host = new SimpleStringProperty("");
    private final StringProperty port = new SimpleStringProperty(Integer.toString(5432));
    private final StringProperty database = new SimpleStringProperty("tandem");
    private final StringProperty login = new SimpleStringProperty(System.getProperty("user.name", ""));
    private final StringProperty sslMode = new SimpleStringProperty(DEFAULT_SSL_MODE);
    private final StringProperty password = new SimpleStringProperty("");
    private final BooleanProperty remember = new SimpleBooleanProperty();

    private final Map<Field, ReadOnlyStringWrapper> problems = new EnumMap<>(Field.class);
    private final ReadOnlyStringWrapper generalProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<MessageKind> outcomeKind = new ReadOnlyObjectWrapper<>(MessageKind.NONE);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper();

    public TeamDatabaseViewModel(TeamStoreSettings settings, BackgroundTasks tasks) {
        this.settings = Objects.requireNonNull(settings);
        this.tasks = tasks;
        for (Field f : Field.values()) problems.put(f, new ReadOnlyStringWrapper(null));
        TeamStoreSettings.Saved kept;
        String unreadable = null;
        try {
            kept = settings.load();
        } catch (RuntimeException e) {
            // a damaged file: start from the embedded store, and say so; saving writes a good one
            kept = TeamStoreSettings.Saved.EMBEDDED;
            unreadable = "The saved choice could not be read (" + e.getMessage() + "); saving replaces it";
        }
        this.saved = kept;
        team.set(saved.team());
        Connection c = saved.connection();
        if (c != null) {
            host.set(c.host());
            port.set(Integer.toString(c.port()));
            database.set(c.database());
            login.set(c.login());
            sslMode.set(c.sslMode());
        }
        remember.set(saved.passwordRemembered());
        for (var p : new javafx.beans.Observable[] {team, host, port, database, login, sslMode, password, remember}) {
            p.addListener(o -> validate());
        }
        validate();
        if (unreadable != null) say(unreadable, MessageKind.ERROR);
    }

    public BooleanProperty teamProperty() { return team; }

    public StringProperty hostProperty() { return host; }

    public StringProperty portProperty() { return port; }

    public StringProperty databaseProperty() { return database; }

    public StringProperty loginProperty() { return login; }

    public StringProperty sslModeProperty() { return sslMode; }

    public StringProperty passwordProperty() { return password; }

    public BooleanProperty rememberProperty() { return remember; }

    /** Whether a password is kept now (before this dialog changes anything). */
    public boolean passwordKept() { return saved.passwordRemembered(); }

    public ReadOnlyStringProperty problemProperty(Field f) { return problems.get(f).getReadOnlyProperty(); }

    public String problem(Field f) { return problems.get(f).get(); }

    /** What the fields together break (as --store would refuse it). */
    public ReadOnlyStringProperty generalProblemProperty() { return generalProblem.getReadOnlyProperty(); }

    /** The last connection test's or save's outcome. */
    public ReadOnlyStringProperty outcomeProperty() { return outcome.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<MessageKind> outcomeKindProperty() { return outcomeKind.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    public ReadOnlyIntegerProperty revisionProperty() { return revision.getReadOnlyProperty(); }

    public boolean valid() {
        for (Field f : Field.values()) if (problem(f) != null) return false;
        return generalProblem.get().isEmpty();
    }

    /** The connection the fields describe, or empty while one of them is wrong. */
    public Optional<Connection> connection() {
        if (fieldProblems(true).values().stream().anyMatch(Objects::nonNull)) return Optional.empty();
        return Optional.of(new Connection(HostSyntax.normalize(host.get()), Integer.parseInt(port.get().strip()),
                database.get().strip(), login.get().strip(), sslMode.get()));
    }

    /** Connects once in the background and says what it found; needs the password typed. */
    public void testConnection() {
        if (busy.get()) return;
        Optional<Connection> c = connection();
        if (c.isEmpty()) {
            say("Correct the marked fields first", MessageKind.ERROR);
            return;
        }
        Connection to = c.get();
        String typed = password.get();
        busy.set(true);
        say("Connecting to " + to.host() + ":" + to.port() + "…", MessageKind.INFO);
        tasks.run(() -> {
            String pw = typed.isEmpty() ? settings.rememberedPassword(to).orElse("") : typed;
            return settings.test(to, pw, TEST_TIMEOUT);
        }, r -> {
            busy.set(false);
            say(describe(to, r), r.advice().isEmpty() ? MessageKind.SUCCESS : MessageKind.ERROR);
        }, e -> {
            busy.set(false);
            say(e instanceof TeamStoreSettings.ConnectionFailed ? e.getMessage()
                    : "The test failed: " + e.getClass().getSimpleName(), MessageKind.ERROR);
        });
    }

    static String describe(Connection to, TestResult r) {
        String head = "Connected as " + r.login() + " to " + to.host() + "/" + to.database() + " (PostgreSQL "
                + r.serverVersion() + ", " + (r.tls() ? "over TLS" : "without TLS") + ").";
        String tables = r.schemaReady() ? " Tandem's tables are there" : "";
        String member = r.member() ? " and " + r.login() + " is a member of the team." : ".";
        return head + (r.schemaReady() ? tables + member : "") + (r.advice().isEmpty() ? "" : " " + r.advice() + ".");
    }

    /** Keeps the choice in the background; it counts from the next start of the console. */
    public void save() {
        if (busy.get()) return;
        validate();
        if (!valid()) return;
        boolean useTeam = team.get();
        Connection c = connection().orElse(null);
        String typed = password.get();
        boolean keep = remember.get();
        busy.set(true);
        tasks.execute(() -> {
            // the embedded store with fields left unfinished keeps the last good location, without its password
            if (c != null) settings.save(useTeam, c, typed, keep);
            else settings.save(false, saved.connection(), null, false);
        }, () -> {
            busy.set(false);
            say(useTeam ? "Saved. The console opens on the team database " + c.host() + "/" + c.database() + " as "
                    + c.login() + " the next time it starts" + (keep ? "." : "; it will ask for the password.")
                    : "Saved. The console opens on this desktop's own store the next time it starts.",
                    MessageKind.SUCCESS);
        }, e -> {
            busy.set(false);
            say("Could not save: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                    MessageKind.ERROR);
        });
    }

    private void say(String text, MessageKind kind) {
        // the style first: whoever sees the new text sees it styled
        outcomeKind.set(kind);
        outcome.set(text);
    }

    private void validate() {
        Map<Field, String> found = fieldProblems(team.get());
        for (Field f : Field.values()) problems.get(f).set(found.get(f));
        String general = "";
        if (team.get() && found.values().stream().allMatch(Objects::isNull)) {
            general = connection().flatMap(settings::problem).orElse("");
        }
        generalProblem.set(general);
        revision.set(revision.get() + 1);
    }

    /** Only a team database has fields to check; the embedded store needs none. */
    private Map<Field, String> fieldProblems(boolean check) {
        Map<Field, String> found = new EnumMap<>(Field.class);
        if (!check) return found;
        String h = HostSyntax.normalize(host.get());
        if (h.isEmpty()) found.put(Field.HOST, "Enter the database server's host name or address");
        else found.put(Field.HOST, HostSyntax.problem(h));
        found.put(Field.PORT, HostSyntax.portProblem(port.get()));
        String db = database.get() == null ? "" : database.get().strip();
        if (!DATABASE.matcher(db).matches()) {
            found.put(Field.DATABASE, db.isEmpty() ? "Enter the team's database, e.g. tandem"
                    : "Enter one database name: letters, digits, _ . - (no / or ?)");
        }
        String l = login.get() == null ? "" : login.get().strip();
        if (!LOGIN.matcher(l).matches()) {
            found.put(Field.LOGIN, l.isEmpty() ? "Enter your own PostgreSQL login"
                    : l.contains(":") ? "Enter the login alone; the password has its own field"
                    : "Enter the login: letters, digits, _ . - (no @, : or spaces)");
        }
        String pw = password.get() == null ? "" : password.get();
        if (remember.get() && pw.isEmpty() && !keptFor(l, h)) {
            found.put(Field.PASSWORD, "Enter the password to remember it");
        }
        return found;
    }

    /** Whether the kept password still belongs to what the fields say (it is bound to the whole connection). */
    private boolean keptFor(String l, String h) {
        Connection c = saved.connection();
        if (!saved.passwordRemembered() || c == null) return false;
        return c.login().equals(l) && c.host().equals(h) && Integer.toString(c.port()).equals(port.get().strip())
                && c.database().equals(database.get().strip()) && c.sslMode().equals(sslMode.get());
    }
}
