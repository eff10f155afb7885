package tandem.ui.kea;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import tandem.core.ConfigCheck;
import tandem.core.ServiceType;
import tandem.kea.change.ChangeRefused;
import tandem.kea.change.HaPlans;
import tandem.kea.change.HaRequest;
import tandem.kea.change.KeaHaTopology;
import tandem.ui.BackgroundTasks;
import tandem.ui.MessageKind;
import tandem.ui.OutcomeKind;
import tandem.ui.kea.ChangeViewModel.PeerOutcome;

/**
 * "Create HA relationship": servers and roles, then parameters, then authentication between the peers, then the
 * summary (each server's diff and the checks), then the outcome. Reading and applying run in the background; the
 * summary is the only page from which anything is sent.
 */
public final class HaWizardViewModel {
    public static final int SERVERS = 0, PARAMETERS = 1, AUTHENTICATION = 2, SUMMARY = 3, OUTCOME = 4;

    /** One server's row on the parameters and authentication pages. */
    public static final class MemberRow {
        public final String server;
        public final String role;
        public final StringProperty thisServerName = new SimpleStringProperty();
        public final StringProperty url = new SimpleStringProperty();
        public final StringProperty passwordFile = new SimpleStringProperty("");

        MemberRow(HaRequest.Member m) {
            this.server = m.server();
            this.role = m.role();
            thisServerName.set(m.thisServerName());
            url.set(m.url());
        }

        HaRequest.Member member() {
            String file = passwordFile.get() == null || passwordFile.get().isBlank() ? null : passwordFile.get().strip();
            return new HaRequest.Member(server, role, thisServerName.get() == null ? "" : thisServerName.get().strip(),
                    url.get() == null ? "" : url.get().strip(), file);
        }
    }

    private final KeaHaTopology topology;
    private final BackgroundTasks tasks;
    public final StringProperty name = new SimpleStringProperty("");
    public final StringProperty mode = new SimpleStringProperty("load-balancing");
    /** "dhcp4" or "dhcp6": the servers offered are those whose standalone relationship provides it. */
    public final StringProperty service = new SimpleStringProperty("dhcp4");
    public final StringProperty primary = new SimpleStringProperty("");
    public final StringProperty partner = new SimpleStringProperty("");
    public final StringProperty backup = new SimpleStringProperty("");
    public final StringProperty heartbeatDelay = new SimpleStringProperty(Long.toString(HaRequest.DEFAULT_HEARTBEAT_DELAY));
    public final StringProperty maxResponseDelay = new SimpleStringProperty(Long.toString(HaRequest.DEFAULT_MAX_RESPONSE_DELAY));
    public final StringProperty maxAckDelay = new SimpleStringProperty(Long.toString(HaRequest.DEFAULT_MAX_ACK_DELAY));
    public final StringProperty maxUnackedClients = new SimpleStringProperty(Integer.toString(HaRequest.DEFAULT_MAX_UNACKED_CLIENTS));
    public final BooleanProperty autoFailover = new SimpleBooleanProperty(true);
    public final StringProperty peerUser = new SimpleStringProperty("");
    private final ObservableList<String> servers = FXCollections.observableArrayList();
    private final ObservableList<String> services = FXCollections.observableArrayList();
    private final Map<String, ServiceType> serviceOf = new LinkedHashMap<>();
    private final ObservableList<MemberRow> members = FXCollections.observableArrayList();
    private final ObservableList<String> diff = FXCollections.observableArrayList();
    private final ObservableList<String> checks = FXCollections.observableArrayList();
    private final ObservableList<String> notes = FXCollections.observableArrayList();
    private final ObservableList<PeerOutcome> outcomes = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper page = new ReadOnlyIntegerWrapper(SERVERS);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canApply = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper transport = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<MessageKind> messageKind = new ReadOnlyObjectWrapper<>(MessageKind.NONE);
    private HaPlans.Creation plan;
    private Runnable onCreated = () -> { };

    public HaWizardViewModel(KeaHaTopology topology, BackgroundTasks tasks, String preselected) {
        this.topology = topology;
        this.tasks = tasks;
        if (preselected != null) primary.set(preselected);
        service.addListener((o, was, now) -> offerServers());
    }

    /** The services the standalone servers provide ("dhcp4", "dhcp6"): the wizard offers a choice when both. */
    public ObservableList<String> services() { return services; }

    public ObservableList<String> servers() { return servers; }
    public ObservableList<MemberRow> members() { return members; }
    public ObservableList<String> diff() { return diff; }
    public ObservableList<String> checks() { return checks; }
    public ObservableList<String> notes() { return notes; }
    /** TLS or plain HTTP between the peers, once the summary is read. */
    public ReadOnlyStringProperty transportProperty() { return transport.getReadOnlyProperty(); }
    public ObservableList<PeerOutcome> outcomes() { return outcomes; }
    public ReadOnlyIntegerProperty pageProperty() { return page.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canApplyProperty() { return canApply.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<MessageKind> messageKindProperty() { return messageKind.getReadOnlyProperty(); }
    public void setOnCreated(Runnable r) { onCreated = Objects.requireNonNull(r); }

    /** The partner's role in the chosen mode: secondary, standby, or none for passive-backup. */
    public String partnerRole() {
        return "passive-backup".equals(mode.get()) ? null : HaRequest.partnerRole(mode.get());
    }

    /** Lists the standalone servers of the inventory (read in the background). */
    public void load() {
        busy.set(true);
        tasks.run(() -> {
            Map<String, ServiceType> found = new LinkedHashMap<>();
            for (String s : topology.standaloneServers()) topology.serviceOf(s).ifPresent(t -> found.put(s, t));
            return found;
        }, found -> {
            busy.set(false);
            serviceOf.clear();
            serviceOf.putAll(found);
            services.setAll(found.values().stream().distinct().sorted().map(ServiceType::wire).toList());
            // the standalone relationship selected in the tree tells the service
            ServiceType chosen = serviceOf.get(primary.get());
            String wanted = chosen != null ? chosen.wire() : services.isEmpty() || services.contains(service.get())
                    ? service.get() : services.get(0);
            if (wanted.equals(service.get())) offerServers();
            else service.set(wanted);
        }, this::failed);
    }

    /** The servers providing the chosen service; the primary and partner stay when they still fit. */
    private void offerServers() {
        ServiceType wanted = ServiceType.fromWire(service.get());
        List<String> list = serviceOf.entrySet().stream().filter(e -> e.getValue() == wanted).map(Map.Entry::getKey).toList();
        servers.setAll(list);
        if (!list.contains(primary.get())) primary.set(list.isEmpty() ? "" : list.get(0));
        if (!list.contains(partner.get()) || partner.get().equals(primary.get())) {
            partner.set(list.stream().filter(s -> !s.equals(primary.get())).findFirst().orElse(""));
        }
        if (!backup.get().isEmpty() && !list.contains(backup.get())) backup.set("");
        if (list.size() < 2) {
            say("At least two standalone Kea " + wanted.label() + " servers are needed: add them first", MessageKind.ERROR);
        } else {
            say("", MessageKind.NONE);
        }
    }

    public void next() {
        if (busy.get()) return;
        say("", MessageKind.NONE);
        switch (page.get()) {
            case SERVERS -> toParameters();
            case PARAMETERS -> {
                List<HaRequest.Problem> problems = request().problems();
                if (!problems.isEmpty()) say(problems.get(0).field() + ": " + problems.get(0).message(), MessageKind.ERROR);
                else page.set(AUTHENTICATION);
            }
            case AUTHENTICATION -> prepare();
            default -> { }
        }
    }

    public void back() {
        if (busy.get() || page.get() == SERVERS || page.get() == OUTCOME) return;
        canApply.set(false);
        say("", MessageKind.NONE);
        page.set(page.get() - 1);
    }

    private void toParameters() {
        List<HaRequest.Member> m = new ArrayList<>();
        m.add(topology.member(primary.get(), "primary"));
        if (partnerRole() != null) m.add(topology.member(partner.get(), partnerRole()));
        if (!backup.get().isBlank()) m.add(topology.member(backup.get(), "backup"));
        HaRequest r = HaRequest.withDefaults(name.get().strip(), mode.get(), m).withService(service.get());
        List<HaRequest.Problem> problems = r.problems();
        if (!problems.isEmpty()) {
            say(label(problems.get(0).field()) + ": " + problems.get(0).message(), MessageKind.ERROR);
            return;
        }
        members.setAll(m.stream().map(MemberRow::new).toList());
        page.set(PARAMETERS);
    }

    /** The wizard's words for the command line's fields. */
    private static String label(String field) {
        return switch (field) {
            case "NAME" -> "Name";
            case "--primary" -> "Primary";
            case "--secondary", "--standby" -> "Partner";
            case "--backup" -> "Backup";
            case "--service" -> "Service";
            default -> field;
        };
    }

    HaRequest request() {
        String user = peerUser.get() == null || peerUser.get().isBlank() ? null : peerUser.get().strip();
        return new HaRequest(name.get().strip(), service.get(), mode.get(), members.stream().map(MemberRow::member).toList(),
                number(heartbeatDelay), number(maxResponseDelay), number(maxAckDelay), (int) number(maxUnackedClients),
                autoFailover.get(), user);
    }

    private static long number(StringProperty p) {
        try {
            return Long.parseLong(p.get().strip());
        } catch (NumberFormatException | NullPointerException e) {
            return -1;
        }
    }

    private void prepare() {
        busy.set(true);
        say("Reading every server…", MessageKind.INFO);
        HaRequest r = request();
        tasks.run(() -> ChangeViewModel.refusable(() -> topology.prepareCreate(r)), p -> {
            busy.set(false);
            plan = p;
            List<String> lines = new ArrayList<>();
            for (HaPlans.ServerPlan s : p.servers()) if (!s.diff().isEmpty()) lines.addAll(List.of(s.diff().split("\n")));
            diff.setAll(lines);
            checks.setAll(p.checks().stream().map(c -> c.severity().wire() + ": " + c.sentence()).toList());
            notes.setAll(p.notes());
            transport.set(p.transport());
            for (HaPlans.ServerPlan s : p.servers()) {
                for (MemberRow row : members) {
                    p.request().members().stream().filter(m -> m.server().equals(row.server) && m.passwordFile() != null)
                            .findFirst().ifPresent(m -> row.passwordFile.set(m.passwordFile()));
                }
            }
            canApply.set(!p.blocked());
            page.set(SUMMARY);
            say(p.blocked() ? "A check found an error: correct the parameters before applying"
                    : "Check each server's diff, then apply: every server is tested first, then set one at a time",
                    p.blocked() ? MessageKind.ERROR : MessageKind.INFO);
        }, this::failed);
    }

    public void apply() {
        if (!canApply.get() || busy.get() || plan == null) return;
        busy.set(true);
        canApply.set(false);
        say("Applying to " + String.join(", ", plan.servers().stream().map(HaPlans.ServerPlan::server).toList())
                + " one at a time, then waiting for their normal HA state…", MessageKind.INFO);
        HaPlans.Creation p = plan;
        tasks.run(() -> ChangeViewModel.refusable(() -> topology.create(p)), o -> {
            busy.set(false);
            List<PeerOutcome> out = new ArrayList<>();
            boolean normal = true;
            for (Map.Entry<String, String> e : o.servers().entrySet()) {
                String state = o.states().getOrDefault(e.getKey(), "unknown");
                boolean ok = tandem.kea.KeaStates.VOCABULARY.isNormal(state);
                normal &= ok;
                out.add(new PeerOutcome(e.getKey(), e.getValue() + ", HA state " + state,
                        ok ? OutcomeKind.VERIFIED : OutcomeKind.FAILED));
            }
            outcomes.setAll(out);
            page.set(OUTCOME);
            say("Created " + o.relationship() + " as change #" + o.journalId() + (normal ? ": every server is in its normal"
                    + " HA state" : ": not every server reached its normal HA state yet"), normal ? MessageKind.SUCCESS : MessageKind.ERROR);
            onCreated.run();
        }, this::failed);
    }

    private void failed(Throwable failure) {
        Throwable e = failure instanceof ChangeViewModel.Refusal r ? r.refused : failure;
        busy.set(false);
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        say(e instanceof ChangeRefused ? text : "Failed: " + text, MessageKind.ERROR);
    }

    private void say(String text, MessageKind kind) {
        message.set(text);
        messageKind.set(kind);
    }

    static boolean isError(ConfigCheck c) { return c.severity() == ConfigCheck.Severity.ERROR; }
}
