package tandem.ui;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
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
import tandem.core.backend.Setting;

/**
 * The Preferences dialog: the console's polling settings and each backend's own settings ({@link Setting}), each
 * checked at its field. Fields are named by the console's own {@link Field}s or by a setting's key.
 */
public final class PreferencesViewModel {
    public enum Field { POLL_INTERVAL, TIMEOUT }

    private final Consumer<Preferences> saver;
    private final BackgroundTasks tasks;
    private final Preferences current;
    private final List<Setting> settings;

    private final StringProperty pollInterval = new SimpleStringProperty();
    private final StringProperty timeout = new SimpleStringProperty();
    private final Map<String, StringProperty> texts = new LinkedHashMap<>();
    private final Map<String, BooleanProperty> flags = new LinkedHashMap<>();

    private final Map<Field, ReadOnlyStringWrapper> problems = new EnumMap<>(Field.class);
    private final Map<String, ReadOnlyStringWrapper> settingProblems = new LinkedHashMap<>();
    private final ReadOnlyStringWrapper generalProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper();
    private Consumer<Preferences> onSaved = p -> { };

    /**
     * @param settings the backends' own settings, in the order they are shown
     * @param saver    stores the preferences and makes the poller use them; runs in the background
     */
    public PreferencesViewModel(Preferences current, List<Setting> settings, Consumer<Preferences> saver,
                                BackgroundTasks tasks) {
        this.saver = Objects.requireNonNull(saver);
        this.tasks = tasks;
        this.current = current == null ? Preferences.defaults() : current;
        this.settings = List.copyOf(settings);
        for (Field f : Field.values()) problems.put(f, new ReadOnlyStringWrapper(null));
        pollInterval.set(seconds(this.current.pollInterval()));
        timeout.set(seconds(this.current.timeout()));
        pollInterval.addListener((o, was, now) -> validate());
        timeout.addListener((o, was, now) -> validate());
        for (Setting s : this.settings) {
            String value = this.current.setting(s.key()) == null ? s.defaultValue() : this.current.setting(s.key());
            settingProblems.put(s.key(), new ReadOnlyStringWrapper(null));
            if (s.kind() == Setting.Kind.FLAG) {
                flags.put(s.key(), new SimpleBooleanProperty(Boolean.parseBoolean(value)));
            } else {
                StringProperty text = new SimpleStringProperty(value);
                text.addListener((o, was, now) -> validate());
                texts.put(s.key(), text);
            }
        }
        validate();
    }

    public PreferencesViewModel(Preferences current, Consumer<Preferences> saver, BackgroundTasks tasks) {
        this(current, List.of(), saver, tasks);
    }

    public StringProperty pollIntervalProperty() { return pollInterval; }

    public StringProperty timeoutProperty() { return timeout; }

    public List<Setting> settings() { return settings; }

    /** A host or port setting's text. */
    public StringProperty textProperty(String key) { return texts.get(key); }

    /** An on/off setting. */
    public BooleanProperty flagProperty(String key) { return flags.get(key); }

    public ReadOnlyStringProperty problemProperty(Field field) { return problems.get(field).getReadOnlyProperty(); }

    public String problem(Field field) { return problems.get(field).get(); }

    public ReadOnlyStringProperty problemProperty(String key) { return settingProblems.get(key).getReadOnlyProperty(); }

    public String problem(String key) { return settingProblems.get(key).get(); }

    /** A problem no single field owns, or a failure to save. */
    public ReadOnlyStringProperty generalProblemProperty() { return generalProblem.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    public ReadOnlyIntegerProperty revisionProperty() { return revision.getReadOnlyProperty(); }

    /** Told on the UI thread after saving succeeded. */
    public void setOnSaved(Consumer<Preferences> onSaved) { this.onSaved = Objects.requireNonNull(onSaved); }

    public boolean valid() {
        for (Field f : Field.values()) if (problem(f) != null) return false;
        for (var p : settingProblems.values()) if (p.get() != null) return false;
        return generalProblem.get().isEmpty();
    }

    /** The preferences the form describes, or empty while a field is invalid. */
    public Optional<Preferences> preferences() {
        Duration poll = duration(pollInterval.get());
        Duration to = duration(timeout.get());
        if (poll == null || to == null || !valid()) return Optional.empty();
        // settings the dialog does not show (another backend's, say) are kept as they are
        Preferences out = new Preferences(poll, to, current.settings());
        for (Setting s : settings) {
            String value = switch (s.kind()) {
                case FLAG -> Boolean.toString(flags.get(s.key()).get());
                case HOST -> texts.get(s.key()).get() == null || texts.get(s.key()).get().isBlank() ? null
                        : HostSyntax.normalize(texts.get(s.key()).get());
                case PORT -> texts.get(s.key()).get().strip();
            };
            out = out.with(s.key(), value);
        }
        return Optional.of(out);
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
        String general = "";
        // Check what parsed even while another field does not: stand-ins that cannot cause a problem of their own
        // fill the gaps (a day-long interval, a 1 ms timeout).
        Duration poll = duration(pollInterval.get());
        Duration to = duration(timeout.get());
        Preferences probe = new Preferences(poll == null ? Duration.ofDays(1) : poll, to == null ? Duration.ofMillis(1) : to);
        for (String problem : probe.problems()) {
            Field f = fieldOf(problem);
            if (f == null) general = general.isEmpty() ? problem : general + "; " + problem;
            else found.putIfAbsent(f, problem);
        }
        for (Field f : Field.values()) problems.get(f).set(found.get(f));
        for (Setting s : settings) {
            String text = texts.containsKey(s.key()) ? texts.get(s.key()).get() : null;
            String problem = switch (s.kind()) {
                case HOST -> HostSyntax.problem(text);
                case PORT -> HostSyntax.portProblem(text);
                case FLAG -> null;
            };
            settingProblems.get(s.key()).set(problem);
        }
        generalProblem.set(general);
        revision.set(revision.get() + 1);
    }

    /** Preferences.problems() names its field at the start of each sentence. */
    static Field fieldOf(String problem) {
        if (problem.startsWith("Poll interval")) return Field.POLL_INTERVAL;
        if (problem.startsWith("Timeout")) return Field.TIMEOUT;
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
