package tandem.ui;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import tandem.core.Preferences;

/** The Preferences dialog: console-wide settings, checked with {@link Preferences#problems()} per field. */
public final class PreferencesViewModel {
    public enum Field { POLL_INTERVAL, TIMEOUT, CA_HOST, CA_PORT }

    private final Consumer<Preferences> saver;
    private final BackgroundTasks tasks;

    private final StringProperty pollInterval = new SimpleStringProperty();
    private final StringProperty timeout = new SimpleStringProperty();
    private final StringProperty caHost = new SimpleStringProperty();
    private final StringProperty caPort = new SimpleStringProperty();
    private final BooleanProperty replicate = new SimpleBooleanProperty();

    private final Map<Field, ReadOnlyStringWrapper> problems = new EnumMap<>(Field.class);
    private final ReadOnlyStringWrapper generalProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper();
    private Consumer<Preferences> onSaved = p -> { };

    /**
     * @param saver stores the preferences and makes the poller use them; runs in the background
     */
    public PreferencesViewModel(Preferences current, Consumer<Preferences> saver, BackgroundTasks tasks) {
        this.saver = Objects.requireNonNull(saver);
        this.tasks = tasks;
        for (Field f : Field.values()) problems.put(f, new ReadOnlyStringWrapper(null));
        Preferences p = current == null ? Preferences.defaults() : current;
        pollInterval.set(seconds(p.pollInterval()));
        timeout.set(seconds(p.timeout()));
        caHost.set(p.keaControlAgentHost() == null ? "" : p.keaControlAgentHost());
        caPort.set(Integer.toString(p.keaControlAgentPort()));
        replicate.set(p.keaReplicateConfig());
        for (var prop : List.of(pollInterval, timeout, caHost, caPort)) prop.addListener((o, was, now) -> validate());
        validate();
    }

    public StringProperty pollIntervalProperty() { return pollInterval; }

    public StringProperty timeoutProperty() { return timeout; }

    /** Blank: each new server's own address. */
    public StringProperty caHostProperty() { return caHost; }

    public StringProperty caPortProperty() { return caPort; }

    public BooleanProperty replicateProperty() { return replicate; }

    public ReadOnlyStringProperty problemProperty(Field field) { return problems.get(field).getReadOnlyProperty(); }

    public String problem(Field field) { return problems.get(field).get(); }

    /** A problem no single field owns, or a failure to save. */
    public ReadOnlyStringProperty generalProblemProperty() { return generalProblem.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    public ReadOnlyIntegerProperty revisionProperty() { return revision.getReadOnlyProperty(); }

    /** Told on the UI thread after saving succeeded. */
    public void setOnSaved(Consumer<Preferences> onSaved) { this.onSaved = Objects.requireNonNull(onSaved); }

    public boolean valid() {
        for (Field f : Field.values()) if (problem(f) != null) return false;
        return generalProblem.get().isEmpty();
    }

    /** The preferences the form describes, or empty while a field is invalid. */
    public Optional<Preferences> preferences() {
        Duration poll = duration(pollInterval.get());
        Duration to = duration(timeout.get());
        Integer port = HostSyntax.portProblem(caPort.get()) == null ? Integer.parseInt(caPort.get().strip()) : null;
        if (poll == null || to == null || port == null) return Optional.empty();
        String host = caHost.get() == null || caHost.get().isBlank() ? null : HostSyntax.normalize(caHost.get());
        return Optional.of(new Preferences(poll, to, host, port, replicate.get()));
    }

    public void save() {
        if (busy.get()) return;
        validate();
        Optional<Preferences> p = preferences();
        if (!valid() || p.isEmpty()) return;
        busy.set(true);
        Preferences chosen = p.get();
        tasks.execute(() -> saver.accept(chosen), () -> {
            busy.set(false);
            onSaved.accept(chosen);
        }, e -> {
            busy.set(false);
            generalProblem.set("Could not save: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        });
    }

    private void validate() {
        Map<Field, String> found = new EnumMap<>(Field.class);
        if (duration(pollInterval.get()) == null) found.put(Field.POLL_INTERVAL, "Enter the poll interval in seconds (up to 86400), e.g. 10");
        if (duration(timeout.get()) == null) found.put(Field.TIMEOUT, "Enter the timeout in seconds, e.g. 2");
        String hostProblem = HostSyntax.problem(caHost.get());
        if (hostProblem != null) found.put(Field.CA_HOST, hostProblem);
        String portProblem = HostSyntax.portProblem(caPort.get());
        if (portProblem != null) found.put(Field.CA_PORT, portProblem);
        String general = "";
        // Check what parsed even while another field does not: stand-ins that cannot cause a problem of their own
        // fill the gaps (a day-long interval, a 1 ms timeout, port 8000).
        Duration poll = duration(pollInterval.get());
        Duration to = duration(timeout.get());
        Preferences probe = new Preferences(poll == null ? Duration.ofDays(1) : poll, to == null ? Duration.ofMillis(1) : to,
                null, portProblem == null ? Integer.parseInt(caPort.get().strip()) : 8000, replicate.get());
        for (String problem : probe.problems()) {
            Field f = fieldOf(problem);
            if (f == null) general = general.isEmpty() ? problem : general + "; " + problem;
            else found.putIfAbsent(f, problem);
        }
        for (Field f : Field.values()) problems.get(f).set(found.get(f));
        generalProblem.set(general);
        revision.set(revision.get() + 1);
    }

    /** Preferences.problems() names its field at the start of each sentence. */
    static Field fieldOf(String problem) {
        if (problem.startsWith("Poll interval")) return Field.POLL_INTERVAL;
        if (problem.startsWith("Timeout")) return Field.TIMEOUT;
        if (problem.startsWith("Control Agent port")) return Field.CA_PORT;
        if (problem.startsWith("Control Agent host")) return Field.CA_HOST;
        return null;
    }

    /** Seconds as typed ("10", "2.5") to a duration; null when not a positive-or-zero number. */
    static Duration duration(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            BigDecimal s = new BigDecimal(text.strip());
            if (s.signum() < 0 || s.compareTo(BigDecimal.valueOf(86_400)) > 0) return null; // a day is plenty
            return Duration.ofMillis(s.movePointRight(3).longValue());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String seconds(Duration d) {
        if (d == null) return "";
        long ms = d.toMillis();
        return ms % 1000 == 0 ? Long.toString(ms / 1000) : BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString();
    }
}
