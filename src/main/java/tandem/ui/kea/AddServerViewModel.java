package tandem.ui.kea;

import tandem.ui.BackgroundTasks;
import tandem.ui.HostSyntax;
import tandem.ui.MessageKind;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.ImportResult;
import tandem.core.Inventory;
import tandem.core.Preferences;
import tandem.core.TextRules;
import tandem.kea.KeaSettings;
import tandem.core.port.ServerImporter;

/**
 * The Add DHCP server form: its inputs, their validation, and the "Test connection" and "Add" actions. The
 * connection section is Kea's (Control Agent host and port); other server types get their own section once their
 * backend exists.
 */
public final class AddServerViewModel {
    /** The inputs of the form, each with its own message. */
    public enum Field {
        SERVER_ADDRESS, CA_HOST, CA_PORT, TRUST_ANCHOR, PROXY, USER, PASSWORD, DISPLAY_NAME;

        /** The input an importer's {@link ImportResult.Refused#field()} names, or null for the form as a whole. */
        public static Field fromImporter(String field) {
            if (field == null) return null;
            return switch (field.toLowerCase(Locale.ROOT)) {
                case "url", "host", "cahost", "control-agent" -> CA_HOST;
                case "port", "caport" -> CA_PORT;
                case "address", "server", "serveraddress" -> SERVER_ADDRESS;
                case "proxy" -> PROXY;
                case "user", "username" -> USER;
                case "password" -> PASSWORD;
                case "name", "displayname" -> DISPLAY_NAME;
                case "pem", "trustanchor", "trustanchorpem", "tls", "certificate" -> TRUST_ANCHOR;
                default -> null;
            };
        }
    }

    /** The importer's field for a partner's control socket: "peer-url:NAME". */
    private static final String PEER_URL_FIELD = "peer-url:";
    private final PeerUrlInputs peerUrls = new PeerUrlInputs();

    public static final String ADDRESS_REQUIRED = "Enter the server's IP address or host name";
    public static final String PORT_RANGE = HostSyntax.PORT_RANGE;
    public static final String PROXY_FORM = "Proxy must be an http(s) URL with a host, e.g. http://proxy.example:3128";
    public static final int MAX_NAME_LENGTH = TextRules.MAX_NAME_LENGTH;

    private final Inventory inventory;
    private final BackgroundTasks tasks;
    private final Runnable inventoryChanged;

    private final ObjectProperty<ServerType> serverType = new SimpleObjectProperty<>(ServerType.KEA);
    private final StringProperty serverAddress = new SimpleStringProperty("");
    private final StringProperty caHost = new SimpleStringProperty("");
    private final StringProperty caPort = new SimpleStringProperty("");
    private final BooleanProperty useHttps = new SimpleBooleanProperty(false);
    private final StringProperty trustAnchorPath = new SimpleStringProperty("");
    private final StringProperty proxy = new SimpleStringProperty("");
    private final StringProperty user = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty displayName = new SimpleStringProperty("");

    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<MessageKind> messageKind = new ReadOnlyObjectWrapper<>(MessageKind.NONE);
    private final Map<Field, ReadOnlyStringWrapper> shownProblems = new EnumMap<>(Field.class);
    private final Map<Field, Boolean> touched = new EnumMap<>(Field.class);
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper();
    private boolean submitted;
    /** A problem the importer (or reading the trust anchor) found, valid while the field keeps that value. */
    private Field externalField;
    private String externalValue;
    private String externalMessage;

    /** Whether the Control Agent host still mirrors the server address (nobody typed into it). */
    private boolean caHostFollowsAddress;
    private boolean settingCaHost;
    private Consumer<ImportResult.Accepted> onAdded = a -> { };
    private final tandem.ui.SiteInput site = new tandem.ui.SiteInput();

    /**
     * @param inventoryChanged called in the background after a server was added (the app passes the poller's
     *                         {@code inventoryChanged})
     */
    public AddServerViewModel(Inventory inventory, Preferences preferences, BackgroundTasks tasks,
                              Runnable inventoryChanged) {
        this.inventory = inventory;
        this.tasks = tasks;
        this.inventoryChanged = inventoryChanged;
        site.offer(inventory, tasks);
        for (Field f : Field.values()) {
            shownProblems.put(f, new ReadOnlyStringWrapper(null));
            touched.put(f, false);
        }
        Preferences prefs = preferences == null ? Preferences.defaults() : preferences;
        String defaultHost = KeaSettings.of(prefs).controlAgentHost();
        caHostFollowsAddress = defaultHost == null || defaultHost.isBlank();
        caHost.set(caHostFollowsAddress ? "" : defaultHost.strip());
        caPort.set(Integer.toString(KeaSettings.of(prefs).controlAgentPort()));

        serverAddress.addListener((o, was, now) -> {
            if (caHostFollowsAddress) {
                settingCaHost = true;
                try {
                    caHost.set(HostSyntax.normalize(now));
                } finally {
                    settingCaHost = false;
                }
            }
            changed(Field.SERVER_ADDRESS);
        });
        caHost.addListener((o, was, now) -> {
            if (!settingCaHost) {
                caHostFollowsAddress = false;
                changed(Field.CA_HOST);
            } else {
                update();
            }
        });
        caPort.addListener((o, was, now) -> changed(Field.CA_PORT));
        useHttps.addListener((o, was, now) -> update());
        trustAnchorPath.addListener((o, was, now) -> changed(Field.TRUST_ANCHOR));
        proxy.addListener((o, was, now) -> changed(Field.PROXY));
        user.addListener((o, was, now) -> changed(Field.USER));
        password.addListener((o, was, now) -> {
            touched.put(Field.USER, true); // a password needs a user: say so as soon as one is typed
            changed(Field.PASSWORD);
        });
        displayName.addListener((o, was, now) -> changed(Field.DISPLAY_NAME));
        serverType.addListener((o, was, now) -> {
            if (now != null && !now.available()) serverType.set(was);
        });
        update();
    }

    // ---- inputs

    public ObjectProperty<ServerType> serverTypeProperty() { return serverType; }

    public StringProperty serverAddressProperty() { return serverAddress; }

    public StringProperty caHostProperty() { return caHost; }

    public StringProperty caPortProperty() { return caPort; }

    public BooleanProperty useHttpsProperty() { return useHttps; }

    public StringProperty trustAnchorPathProperty() { return trustAnchorPath; }

    public StringProperty proxyProperty() { return proxy; }

    public StringProperty userProperty() { return user; }

    public StringProperty passwordProperty() { return password; }

    public StringProperty displayNameProperty() { return displayName; }

    // ---- state shown by the view

    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    /** A sentence at the top of the dialog: the outcome of the last action. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<MessageKind> messageKindProperty() { return messageKind.getReadOnlyProperty(); }

    /**
     * The message to show at a field now: its problem once the field was edited or an action was attempted,
     * else null.
     */
    public ReadOnlyStringProperty shownProblemProperty(Field field) { return shownProblems.get(field).getReadOnlyProperty(); }

    public String shownProblem(Field field) { return shownProblems.get(field).get(); }

    /** Increases after every change of the inputs or their problems, for views that revalidate. */
    public ReadOnlyIntegerProperty revisionProperty() { return revision.getReadOnlyProperty(); }

    /** Told on the UI thread when a server was added; the dialog closes then. */
    public void setOnAdded(Consumer<ImportResult.Accepted> onAdded) { this.onAdded = Objects.requireNonNull(onAdded); }

    /** Whether the CA host field still copies the server address as it is typed. */
    public boolean caHostFollowsAddress() { return caHostFollowsAddress; }

    // ---- validation

    /**
     * The field's problem with the current input, whether or not it is shown yet; null when fine. A problem the
     * server reported stays until the field changes.
     */
    public String problem(Field field) {
        if (field == externalField && Objects.equals(externalValue, valueOf(field))) return externalMessage;
        return inputProblem(field);
    }

    /**
     * What is wrong with the input itself. Only these block an action: what the server said last time may no
     * longer hold (an agent just started), so trying again is allowed.
     */
    private String inputProblem(Field field) {
        return switch (field) {
            case SERVER_ADDRESS -> addressProblem();
            case CA_HOST -> caHostProblem();
            case CA_PORT -> portProblem(caPort.get());
            case TRUST_ANCHOR -> null; // read when the action runs; a bad file comes back as an external problem
            case PROXY -> proxyProblem(proxy.get());
            case USER -> !blank(password.get()) && blank(user.get()) ? "Enter the user name that goes with the password" : null;
            case PASSWORD -> null;
            case DISPLAY_NAME -> nameProblem(displayName.get());
        };
    }

    public boolean valid() {
        for (Field f : Field.values()) if (inputProblem(f) != null) return false;
        return true;
    }

    private String addressProblem() {
        if (blank(serverAddress.get())) return ADDRESS_REQUIRED;
        return HostSyntax.problem(serverAddress.get());
    }

    private String caHostProblem() {
        if (blank(caHost.get())) {
            // blank means "the server address"; its own problem is shown at the address field
            return null;
        }
        String syntax = HostSyntax.problem(caHost.get());
        if (syntax != null) return syntax;
        if (addressProblem() != null) return null;
        try {
            url();
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    public static String portProblem(String text) {
        return HostSyntax.portProblem(text);
    }

    public static String proxyProblem(String text) {
        if (blank(text)) return null;
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) return PROXY_FORM;
            if (uri.getHost() == null || uri.getHost().isBlank()) return PROXY_FORM;
            if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
                return "A proxy URL has no path: use http://host:port";
            }
            return null;
        } catch (URISyntaxException e) {
            return PROXY_FORM;
        }
    }

    private static String nameProblem(String text) {
        // optional here; when given, the command line's --name rule
        return blank(text) ? null : TextRules.nameProblem(text, "A display name");
    }

    /** The Control Agent URL the form describes, e.g. {@code http://192.0.2.1:8000/}. */
    public URI url() {
        String host = HostSyntax.normalize(blank(caHost.get()) ? serverAddress.get() : caHost.get());
        if (host.isEmpty()) throw new IllegalArgumentException(ADDRESS_REQUIRED);
        if (portProblem(caPort.get()) != null) throw new IllegalArgumentException(PORT_RANGE);
        int port = Integer.parseInt(caPort.get().strip());
        try {
            URI uri = new URI(useHttps.get() ? "https" : "http", null, host, port, "/", null, null);
            if (uri.getHost() == null) throw new IllegalArgumentException(host + " cannot be used as the host of a URL");
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(host + " cannot be used as the host of a URL: " + e.getReason());
        }
    }

    /**
     * The connection the form describes, reading the trust anchor file; runs in the background.
     *
     * @throws FieldProblem when an input is invalid or the trust anchor cannot be read
     */
    public ConnectionSettings connectionSettings() throws FieldProblem {
        Field bad = firstProblem();
        if (bad != null) throw new FieldProblem(bad, inputProblem(bad));
        return snapshot().orElseThrow(() -> new FieldProblem(null, "This kind of server cannot be added yet")).settings();
    }

    // ---- actions

    /** Checks that the Control Agent answers; the outcome becomes the dialog's message. */
    public void testConnection() {
        Optional<Request> request = begin("Testing the connection…");
        if (request.isEmpty()) return;
        Request r = request.get();
        tasks.run(() -> {
            ConnectionSettings settings = r.settings();
            ServerImporter importer = inventory.importer(r.backend());
            return importer.check(settings);
        }, check -> {
            busy.set(false);
            say(check.message(), check.ok() ? MessageKind.SUCCESS : MessageKind.ERROR);
        }, this::failed);
    }

    /** Where the server stands, stored with it (optional). */
    public tandem.ui.SiteInput site() { return site; }

    /** Partners' control sockets the importer asked for (Kea 3 dedicated HA listeners). */
    public PeerUrlInputs peerUrls() { return peerUrls; }

    /** Adds the server; on success {@code onAdded} runs, on refusal the message goes to the field it concerns. */
    public void add() {
        Optional<Map<String, URI>> peers = peerUrls.values();
        if (peers.isEmpty()) {
            say("Correct the partner's control socket URL first", MessageKind.ERROR);
            return;
        }
        if (!site.valid()) return;
        String where = site.site();
        Optional<Request> request = begin("Reading the server's configuration…");
        if (request.isEmpty()) return;
        Request r = request.get();
        tasks.run(() -> {
            ImportResult result = inventory.add(r.backend(), r.name(), r.settings(), peers.get(), where);
            if (result instanceof ImportResult.Accepted) inventoryChanged.run();
            return result;
        }, result -> {
            busy.set(false);
            if (result instanceof ImportResult.Accepted accepted) {
                say("Added " + accepted.server().name(), MessageKind.SUCCESS);
                onAdded.accept(accepted);
            } else if (result instanceof ImportResult.Refused refused) {
                refuse(r, refused);
            }
        }, this::failed);
    }

    private Optional<Request> begin(String progress) {
        if (busy.get()) return Optional.empty();
        submitted = true;
        externalField = null; // reported again if it still holds
        update();
        Optional<Request> request = snapshot();
        if (request.isEmpty()) {
            say("Correct the highlighted fields first", MessageKind.ERROR);
            return Optional.empty();
        }
        busy.set(true);
        say(progress, MessageKind.INFO);
        return request;
    }

    private void refuse(Request r, ImportResult.Refused refused) {
        if (refused.field() != null && refused.field().startsWith(PEER_URL_FIELD)) {
            peerUrls.ask(refused.field().substring(PEER_URL_FIELD.length()), refused.message());
            say(refused.message(), MessageKind.ERROR);
            return;
        }
        Field field = Field.fromImporter(refused.field());
        if (field == null) {
            say(refused.message(), MessageKind.ERROR);
            return;
        }
        // the importer's "url" is the combined Control Agent URL: the host field shows it, blank or not
        attach(field, valueOf(field), refused.message());
        say("The server was not added; the marked field says why.", MessageKind.ERROR);
    }

    private void failed(Throwable e) {
        busy.set(false);
        if (e instanceof FieldProblem p) {
            attach(p.field(), valueOf(p.field()), p.getMessage());
            say(p.getMessage(), MessageKind.ERROR);
            return;
        }
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        say(text, MessageKind.ERROR);
    }

    private void attach(Field field, String value, String text) {
        externalField = field;
        externalValue = value;
        externalMessage = text;
        touched.put(field, true);
        update();
    }

    private void say(String text, MessageKind kind) {
        message.set(text);
        messageKind.set(kind);
    }

    private void changed(Field field) {
        touched.put(field, true);
        update();
    }

    private void update() {
        for (Field f : Field.values()) {
            String p = submitted || touched.get(f) ? problem(f) : null;
            shownProblems.get(f).set(p);
        }
        revision.set(revision.get() + 1);
    }

    private Field firstProblem() {
        for (Field f : Field.values()) if (inputProblem(f) != null) return f;
        return null;
    }

    private String valueOf(Field f) {
        return switch (f) {
            case SERVER_ADDRESS -> serverAddress.get();
            case CA_HOST -> caHost.get();
            case CA_PORT -> caPort.get();
            case TRUST_ANCHOR -> trustAnchorPath.get();
            case PROXY -> proxy.get();
            case USER -> user.get();
            case PASSWORD -> password.get();
            case DISPLAY_NAME -> displayName.get();
        };
    }

    /** The inputs as they stand, or empty when one is invalid. */
    private Optional<Request> snapshot() {
        if (!valid()) return Optional.empty();
        ServerType type = serverType.get();
        Backend backend = type == null ? null : type.backend();
        if (backend == null) return Optional.empty();
        URI proxyUri = blank(proxy.get()) ? null : URI.create(proxy.get().strip());
        String pem = useHttps.get() && !blank(trustAnchorPath.get()) ? trustAnchorPath.get().strip() : null;
        return Optional.of(new Request(backend, blank(displayName.get()) ? null : displayName.get().strip(), url(),
                proxyUri, blank(user.get()) ? null : user.get().strip(), blank(password.get()) ? null : password.get(),
                pem));
    }

    private static boolean blank(String s) { return s == null || s.isBlank(); }

    /** A snapshot of the form taken on the UI thread, turned into settings in the background. */
    private record Request(Backend backend, String name, URI url, URI proxy, String user, String password,
                           String trustAnchorFile) {
        ConnectionSettings settings() throws FieldProblem {
            return new ConnectionSettings(url, proxy, user, password, readPem());
        }

        private String readPem() throws FieldProblem {
            if (trustAnchorFile == null) return null;
            try {
                Path file = Path.of(trustAnchorFile);
                if (!Files.isRegularFile(file)) throw new FieldProblem(Field.TRUST_ANCHOR, "No such file: " + trustAnchorFile);
                if (Files.size(file) > 1_000_000) throw new FieldProblem(Field.TRUST_ANCHOR, "This file is too large to be a CA certificate");
                String pem = Files.readString(file, StandardCharsets.ISO_8859_1);
                if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
                    throw new FieldProblem(Field.TRUST_ANCHOR, "This file holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
                }
                return pem;
            } catch (InvalidPathException e) {
                throw new FieldProblem(Field.TRUST_ANCHOR, "Not a valid file name: " + trustAnchorFile);
            } catch (IOException e) {
                throw new FieldProblem(Field.TRUST_ANCHOR, "Cannot read " + trustAnchorFile + ": " + e.getMessage());
            }
        }
    }

    /** An input problem found while acting (e.g. an unreadable trust anchor), shown at its field. */
    public static final class FieldProblem extends Exception {
        private final Field field;

        public FieldProblem(Field field, String message) {
            super(message);
            this.field = field;
        }

        public Field field() { return field; }
    }
}
