package tandem.isc;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code failover peer "NAME" { ... }} declaration as the console edits it. Any field may be null (as read from a
 * file that lacks it); {@link #validate()} says what is wrong, field by field, including what {@code dhcpd -t}
 * accepts but a working pair cannot have (a peer with no role, mclt or split on a secondary).
 *
 * @param port      where this server listens; null means dhcpd's default, 647
 * @param peerPort  where the partner listens; null means 647
 */
public record FailoverPeer(String name, FailoverRole role, String address, Integer port, String peerAddress,
                           Integer peerPort, Integer maxResponseDelay, Integer maxUnackedUpdates, Integer mclt,
                           Integer split, Integer loadBalanceMaxSeconds) {
    public static final int DEFAULT_PORT = 647;
    public static final int SUGGESTED_MAX_UNACKED_UPDATES = 10;
    public static final int SUGGESTED_SPLIT = 128;
    public static final int SUGGESTED_LOAD_BALANCE_MAX_SECONDS = 3;
    public static final int SUGGESTED_MAX_RESPONSE_DELAY = 60;
    public static final int SUGGESTED_MCLT = 3600;

    public enum Field {
        NAME("Name"), ROLE("Role"), ADDRESS("Address"), PORT("Port"), PEER_ADDRESS("Peer address"),
        PEER_PORT("Peer port"), MAX_RESPONSE_DELAY("Max response delay"), MAX_UNACKED_UPDATES("Max unacked updates"),
        MCLT("Max client lead time"), SPLIT("Split index"), LOAD_BALANCE_MAX_SECONDS("Load balance max seconds");

        private final String label;

        Field(String label) { this.label = label; }

        public String label() { return label; }
    }

    /** A problem with one field; warnings do not stop a write. */
    public record FieldProblem(Field field, ConfProblem.Severity severity, String message) {
        public boolean isError() { return severity == ConfProblem.Severity.ERROR; }

        @Override public String toString() { return field.label() + ": " + message; }
    }

    private static final Pattern NAME_CHARS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._ -]{0,62}");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");

    /** A new primary with the seed's suggested values, for a dialog to start from. */
    public static FailoverPeer suggestedPrimary(String name, String address, String peerAddress) {
        return new FailoverPeer(name, FailoverRole.PRIMARY, address, DEFAULT_PORT, peerAddress, DEFAULT_PORT,
                SUGGESTED_MAX_RESPONSE_DELAY, SUGGESTED_MAX_UNACKED_UPDATES, SUGGESTED_MCLT, SUGGESTED_SPLIT,
                SUGGESTED_LOAD_BALANCE_MAX_SECONDS);
    }

    public int effectivePort() { return port == null ? DEFAULT_PORT : port; }

    public int effectivePeerPort() { return peerPort == null ? DEFAULT_PORT : peerPort; }

    public FailoverPeer withName(String other) {
        return new FailoverPeer(other, role, address, port, peerAddress, peerPort, maxResponseDelay, maxUnackedUpdates,
                mclt, split, loadBalanceMaxSeconds);
    }

    /**
     * The partner's declaration of the same relationship: the other role, addresses and ports swapped, and no mclt
     * or split on the secondary (a mirrored secondary becomes a primary with the suggested mclt and split).
     */
    public FailoverPeer mirrored() {
        FailoverRole other = role == null ? null : role.mirrored();
        boolean primary = other == FailoverRole.PRIMARY;
        return new FailoverPeer(name, other, peerAddress, peerPort, address, port, maxResponseDelay, maxUnackedUpdates,
                primary ? SUGGESTED_MCLT : null, primary ? SUGGESTED_SPLIT : null, loadBalanceMaxSeconds);
    }

    public List<FieldProblem> validate() {
        List<FieldProblem> p = new ArrayList<>();
        if (name == null || name.isBlank()) {
            p.add(error(Field.NAME, "a failover peer needs a name"));
        } else if (!NAME_CHARS.matcher(name).matches()) {
            p.add(error(Field.NAME, "use 1-63 letters, digits, '.', '_', '-' or spaces, starting with a letter or digit (got \"" + name + "\")"));
        }
        if (role == null) {
            p.add(error(Field.ROLE, "choose primary or secondary (dhcpd accepts a peer without one, but it never"
                    + " reaches the normal state)"));
        }
        host(p, Field.ADDRESS, address, "the address this server listens on for its failover peer");
        port(p, Field.PORT, port);
        host(p, Field.PEER_ADDRESS, peerAddress, "the address of the failover peer");
        port(p, Field.PEER_PORT, peerPort);
        if (address != null && address.equalsIgnoreCase(peerAddress == null ? "" : peerAddress)
                && effectivePort() == effectivePeerPort()) {
            p.add(error(Field.PEER_PORT, "the peer address and port are this server's own: the server would talk to itself"));
        }
        positive(p, Field.MAX_RESPONSE_DELAY, maxResponseDelay, true, "seconds without a message before the connection counts as failed");
        positive(p, Field.MAX_UNACKED_UPDATES, maxUnackedUpdates, true, "suggested: " + SUGGESTED_MAX_UNACKED_UPDATES);
        if (role == FailoverRole.SECONDARY) {
            if (mclt != null) p.add(error(Field.MCLT, "only the primary sets the max client lead time; remove it on the secondary"
                    + " (dhcpd accepts it there, but the value is the primary's to give)"));
            if (split != null) p.add(error(Field.SPLIT, "only the primary sets the split; remove it on the secondary"));
        } else if (role == FailoverRole.PRIMARY) {
            if (mclt == null) p.add(error(Field.MCLT, "the primary needs a max client lead time in seconds (e.g. " + SUGGESTED_MCLT + ")"));
            else if (mclt < 1) p.add(error(Field.MCLT, "must be a positive number of seconds (got " + mclt + ")"));
            if (split == null) p.add(error(Field.SPLIT, "the primary needs a split from 0 to 256 (suggested: " + SUGGESTED_SPLIT + ")"));
            else if (split < 0 || split > 256) p.add(error(Field.SPLIT, "must be from 0 to 256 (got " + split + "; suggested: " + SUGGESTED_SPLIT + ")"));
            else if (split != SUGGESTED_SPLIT) p.add(warning(Field.SPLIT, SUGGESTED_SPLIT + " is the only value ISC recommends (got " + split + ")"));
        }
        if (loadBalanceMaxSeconds == null) {
            p.add(warning(Field.LOAD_BALANCE_MAX_SECONDS, "not set: dhcpd then turns load balancing off (3 or 5 is recommended)"));
        } else {
            if (loadBalanceMaxSeconds < 0) p.add(error(Field.LOAD_BALANCE_MAX_SECONDS, "cannot be negative (0 turns load balancing off)"));
            else if (loadBalanceMaxSeconds != 3 && loadBalanceMaxSeconds != 5 && loadBalanceMaxSeconds != 0) {
                p.add(warning(Field.LOAD_BALANCE_MAX_SECONDS, "3 or 5 is recommended (got " + loadBalanceMaxSeconds + ")"));
            }
        }
        return p;
    }

    public boolean isValid() { return validate().stream().noneMatch(FieldProblem::isError); }

    /** The statements inside the declaration's braces, in the order dhcpd's documentation gives them. */
    public List<String> statements() {
        List<String> s = new ArrayList<>();
        if (role != null) s.add(role.word());
        if (address != null) s.add("address " + address);
        if (port != null) s.add("port " + port);
        if (peerAddress != null) s.add("peer address " + peerAddress);
        if (peerPort != null) s.add("peer port " + peerPort);
        if (maxResponseDelay != null) s.add("max-response-delay " + maxResponseDelay);
        if (maxUnackedUpdates != null) s.add("max-unacked-updates " + maxUnackedUpdates);
        if (mclt != null) s.add("mclt " + mclt);
        if (split != null) s.add("split " + split);
        if (loadBalanceMaxSeconds != null) s.add("load balance max seconds " + loadBalanceMaxSeconds);
        return s;
    }

    public String header() { return "failover peer " + quote(name); }

    static String quote(String s) { return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""; }

    private static void host(List<FieldProblem> p, Field f, String value, String what) {
        if (value == null || value.isBlank()) {
            p.add(error(f, "required: " + what + " (an IPv4 address or DNS name)"));
        } else if (!IPV4.matcher(value).matches() && (value.matches("[0-9.]+") || !DNS_NAME.matcher(value).matches())) {
            p.add(error(f, "not an IPv4 address or DNS name: " + value));
        }
    }

    private static void port(List<FieldProblem> p, Field f, Integer value) {
        if (value != null && (value < 1 || value > 65535)) p.add(error(f, "must be from 1 to 65535 (got " + value + ")"));
    }

    private static void positive(List<FieldProblem> p, Field f, Integer value, boolean required, String hint) {
        if (value == null) {
            if (required) p.add(error(f, "required (" + hint + ")"));
        } else if (value < 1) {
            p.add(error(f, "must be a positive whole number (got " + value + "; " + hint + ")"));
        }
    }

    private static FieldProblem error(Field f, String m) { return new FieldProblem(f, ConfProblem.Severity.ERROR, m); }

    private static FieldProblem warning(Field f, String m) { return new FieldProblem(f, ConfProblem.Severity.WARNING, m); }
}
