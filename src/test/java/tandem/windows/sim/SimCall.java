package tandem.windows.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One cmdlet call inside the model: the server it runs on (L), the session, the bound parameters (read ignoring case
 * and tolerant of a single value where an array is declared) and the errors it may raise, worded as Windows words
 * them ({@code Failed to <action> on DHCP server <L>.}) unless the network scrambles wording.
 */
final class SimCall {
    final SimNetwork network;
    final SimSession session;
    final SimDhcpServer server;
    final String cmdlet;
    final String parameterSet;
    private final TreeMap<String, Object> bound = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    SimCall(SimNetwork network, SimSession session, SimDhcpServer server, String cmdlet, String parameterSet,
            Map<String, Object> bound) {
        this.network = network;
        this.session = session;
        this.server = server;
        this.cmdlet = cmdlet;
        this.parameterSet = parameterSet;
        if (bound != null) this.bound.putAll(bound);
    }

    // ---- parameters

    boolean has(String name) { return bound.containsKey(name); }

    boolean setIs(String name) { return name.equalsIgnoreCase(parameterSet); }

    Object raw(String name) { return bound.get(name); }

    /** A mandatory parameter; absent → the binder's MissingMandatoryParameter (for callers that skip the binder). */
    Object required(String name) {
        Object v = bound.get(name);
        if (v == null) {
            throw SimError.binder("MissingMandatoryParameter", cmdlet, "InvalidArgument", network.wording(
                    "Cannot process command because of one or more missing mandatory parameters: " + name + "."));
        }
        return v;
    }

    String string(String name) {
        Object v = bound.get(name);
        return v == null ? null : String.valueOf(v);
    }

    String requiredString(String name) { return String.valueOf(required(name)); }

    SimIp ip(String name) {
        Object v = bound.get(name);
        if (v instanceof List<?> l && l.size() == 1) v = l.get(0);
        return v == null ? null : v instanceof SimIp ip ? ip : new SimIp(String.valueOf(v));
    }

    SimIp requiredIp(String name) {
        required(name);
        return ip(name);
    }

    List<SimIp> ips(String name) {
        List<SimIp> out = new ArrayList<>();
        for (Object o : list(name)) out.add(o instanceof SimIp ip ? ip : new SimIp(String.valueOf(o)));
        return out;
    }

    List<String> strings(String name) {
        List<String> out = new ArrayList<>();
        for (Object o : list(name)) out.add(String.valueOf(o));
        return out;
    }

    List<Long> longs(String name) {
        List<Long> out = new ArrayList<>();
        for (Object o : list(name)) out.add(((Number) o).longValue());
        return out;
    }

    private List<Object> list(String name) {
        Object v = bound.get(name);
        if (v == null) return List.of();
        if (v instanceof List<?> l) return new ArrayList<>(l);
        return List.of(v);
    }

    Long number(String name) {
        Object v = bound.get(name);
        if (v instanceof List<?> l && l.size() == 1) v = l.get(0);
        return v == null ? null : ((Number) v).longValue();
    }

    Boolean bool(String name) { return (Boolean) bound.get(name); }

    /** A switch: present and not {@code -Switch:$false}. */
    boolean flag(String name) { return Boolean.TRUE.equals(bound.get(name)); }

    Duration duration(String name) { return (Duration) bound.get(name); }

    /** Objects a writer writes: only with {@code -PassThru}. */
    List<Object> passThru(List<?> objects) { return flag("PassThru") ? new ArrayList<>(objects) : List.of(); }

    // ---- errors

    SimError dhcp(int code, String action) {
        return SimError.dhcp(code, cmdlet, category(code), network.wording(failed(action)));
    }

    SimError win32(int code, String action, String win32Text) {
        return SimError.win32(code, cmdlet, code == 5 ? "PermissionDenied" : category(code),
                network.wording(failed(action) + " " + win32Text));
    }

    /** A parameter value the provider refuses (ERROR_INVALID_PARAMETER), e.g. a zero MCLT. */
    SimError invalidParameter(String action) { return win32(87, action, "The parameter is incorrect."); }

    private String failed(String action) { return "Failed to " + action + " on DHCP server " + server.name() + "."; }

    static String category(int code) {
        return switch (code) {
            case 20005, 20010, 20016, 20018, 20115, 20116 -> "ObjectNotFound";
            case 20014, 20022, 20052, 20114 -> "ResourceExists";
            case 20023, 87 -> "InvalidData";
            case 5, 20121 -> "PermissionDenied";
            default -> "InvalidOperation";
        };
    }

    // ---- the partner

    /**
     * The partner {@code p} as this call must reach it: its service running and the link up (else DHCP 20122
     * SERVER_NOT_REACHABLE), over a password session (else WIN32 5: a key-authenticated SSH session holds no
     * credentials the server could present to its partner, the double hop). Called after every local check and
     * before any change, so a denied call changes nothing. Real Windows may have changed L already (left half-done).
     */
    void reachPartner(SimDhcpServer p, String action) {
        if (!network.reachable(server, p)) throw dhcp(20122, action);
        if (!session.passwordLogin()) throw win32(5, action, "Access is denied.");
    }
}
