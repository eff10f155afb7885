package tandem.kea.change;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tandem.core.ServiceType;

/**
 * What an administrator asks for when joining standalone Kea servers into one HA relationship. The first member is
 * the primary and the source of truth: its subnets are copied to the others.
 *
 * @param name              the relationship's name in the inventory
 * @param service           "dhcp4" or "dhcp6": which standalone relationship of each server is joined
 * @param mode              Kea's mode: load-balancing, hot-standby or passive-backup
 * @param heartbeatDelay    ms; Kea's default 10000
 * @param maxResponseDelay  ms; Kea's default 60000
 * @param maxAckDelay       ms; Kea's default 10000
 * @param maxUnackedClients Kea's default 10
 * @param peerUser          the user each server presents to its peers' control channels, or null for none
 */
public record HaRequest(String name, String service, String mode, List<Member> members, long heartbeatDelay,
                        long maxResponseDelay, long maxAckDelay, int maxUnackedClients, boolean autoFailover,
                        String peerUser) {
    public static final long DEFAULT_HEARTBEAT_DELAY = 10_000;
    public static final long DEFAULT_MAX_RESPONSE_DELAY = 60_000;
    public static final long DEFAULT_MAX_ACK_DELAY = 10_000;
    public static final int DEFAULT_MAX_UNACKED_CLIENTS = 10;
    public static final List<String> MODES = List.of("load-balancing", "hot-standby", "passive-backup");

    /**
     * @param server         the standalone server's inventory name
     * @param role           primary, secondary, standby or backup
     * @param thisServerName its name inside the relationship (this-server-name); default the inventory name
     * @param url            where its peers reach its control channel; default the URL the console uses
     * @param passwordFile   the file on this server holding {@code peerUser}'s password (first line), or null
     * @param tls            the TLS files on this server it talks to its peers with, or null for plain HTTP
     */
    public record Member(String server, String role, String thisServerName, String url, String passwordFile, Tls tls) {
        public Member(String server, String role, String thisServerName, String url, String passwordFile) {
            this(server, role, thisServerName, url, passwordFile, null);
        }

        public Member withPasswordFile(String file) { return new Member(server, role, thisServerName, url, file, tls); }

        public Member withTls(Tls files) { return new Member(server, role, thisServerName, url, passwordFile, files); }

        /** Whether its peers reach it over HTTPS, so that the relationship's peers talk TLS. */
        public boolean https() { return url != null && url.regionMatches(true, 0, "https:", 0, 6); }
    }

    /**
     * Paths of files already on one server (never their contents): the CA certificate(s) it trusts, its own
     * certificate and its private key. Kea's HA hook takes all three or none.
     */
    public record Tls(String trustAnchor, String certFile, String keyFile) {
        public List<String> paths() { return List.of(trustAnchor, certFile, keyFile); }
    }

    public HaRequest {
        members = List.copyOf(members);
    }

    /** Kea's timers, no peer authentication, automatic failover on. */
    public static HaRequest withDefaults(String name, String mode, List<Member> members) {
        return new HaRequest(name, "dhcp4", mode, members, DEFAULT_HEARTBEAT_DELAY, DEFAULT_MAX_RESPONSE_DELAY,
                DEFAULT_MAX_ACK_DELAY, DEFAULT_MAX_UNACKED_CLIENTS, true, null);
    }

    public HaRequest withMembers(List<Member> m) {
        return new HaRequest(name, service, mode, m, heartbeatDelay, maxResponseDelay, maxAckDelay, maxUnackedClients,
                autoFailover, peerUser);
    }

    public HaRequest withPeerUser(String user) {
        return new HaRequest(name, service, mode, members, heartbeatDelay, maxResponseDelay, maxAckDelay,
                maxUnackedClients, autoFailover, user);
    }

    public Member primary() { return members.get(0); }

    /** Load-balancing and hot-standby have a partner and use the failure-detection timers; passive-backup does not. */
    public boolean pair() { return !"passive-backup".equals(mode); }

    /** The service as the inventory knows it; DHCPv4 for anything but "dhcp6" (problems() names that). */
    public ServiceType serviceType() { return "dhcp6".equals(service) ? ServiceType.DHCPV6 : ServiceType.DHCPV4; }

    public HaRequest withService(String s) {
        return new HaRequest(name, s, mode, members, heartbeatDelay, maxResponseDelay, maxAckDelay, maxUnackedClients,
                autoFailover, peerUser);
    }

    /** The configuration's top-level object for the service. */
    public String root() { return rootOf(service); }

    public static String rootOf(String service) {
        return "dhcp6".equals(service) ? "Dhcp6" : "Dhcp4";
    }

    /** The role of the second server in a pair: secondary (load-balancing) or standby (hot-standby). */
    public static String partnerRole(String mode) {
        return "hot-standby".equals(mode) ? "standby" : "secondary";
    }

    /** One problem with a field, named as the command line names it. */
    public record Problem(String field, String message) {}

    /** Every rule that needs no server: the mode's roles, distinct servers and names, timers. */
    public List<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        if (name == null || name.isBlank()) out.add(new Problem("NAME", "give the relationship a name"));
        else if (!name.strip().equals(name) || name.contains("/")) out.add(new Problem("NAME", "no spaces around it and no '/'"));
        if (!"dhcp4".equals(service) && !"dhcp6".equals(service)) {
            out.add(new Problem("--service", "expected dhcp4 or dhcp6 (got " + service + ")"));
        }
        if (!MODES.contains(mode)) {
            out.add(new Problem("--mode", "expected load-balancing, hot-standby or passive-backup (got " + mode + ")"));
            return out;
        }
        if (members.isEmpty() || !"primary".equals(members.get(0).role())) {
            out.add(new Problem("--primary", "a relationship needs exactly one primary"));
            return out;
        }
        long partners = members.stream().filter(m -> !m.role().equals("primary") && !m.role().equals("backup")).count();
        if (pair()) {
            String partner = partnerRole(mode);
            String other = partner.equals("standby") ? "secondary" : "standby";
            if (members.stream().anyMatch(m -> m.role().equals(other))) {
                out.add(new Problem("--" + other, mode + " has a " + partner + ", not a " + other));
            } else if (partners != 1) {
                out.add(new Problem("--" + partner, mode + " needs exactly one " + partner));
            }
        } else {
            if (partners > 0) out.add(new Problem("--" + members.get(1).role(), "passive-backup has a primary and backups only"));
            if (members.size() < 2) out.add(new Problem("--backup", "passive-backup needs at least one backup"));
        }
        if (members.size() > 3) out.add(new Problem("--backup", "at most three servers: the primary, its partner and one backup"));
        Set<String> servers = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Member m : members) {
            String field = "--" + m.role();
            if (m.server() == null || m.server().isBlank()) {
                out.add(new Problem(field, "name a server of the inventory"));
                continue;
            }
            if (!servers.add(m.server())) out.add(new Problem(field, m.server() + " is named twice"));
            String n = m.thisServerName();
            if (n == null || n.isBlank() || !n.strip().equals(n)) out.add(new Problem(field, "this-server-name of " + m.server() + " is empty or has spaces around it"));
            else if (!names.add(n.toLowerCase(Locale.ROOT))) out.add(new Problem(field, "this-server-name " + n + " is used twice"));
            out.addAll(urlProblem(field, m));
            if (m.passwordFile() != null && !m.passwordFile().startsWith("/")) {
                out.add(new Problem(field, "the password file of " + m.server() + " must be an absolute path on that server"));
            }
            if (m.tls() != null && m.tls().paths().stream().anyMatch(f -> f == null || f.isBlank())) {
                out.add(new Problem(field, "the TLS files of " + m.server() + " need a trust-anchor, a cert-file and a key-file"));
            }
        }
        out.addAll(mixedSchemes());
        if (peerUser != null && (peerUser.isBlank() || peerUser.contains(":"))) {
            out.add(new Problem("peer user", "a user for the peers must not be blank nor contain ':'"));
        }
        if (pair()) {
            if (heartbeatDelay < 1) out.add(new Problem("--heartbeat-delay", "must be at least 1 ms"));
            if (maxResponseDelay <= heartbeatDelay) {
                out.add(new Problem("--max-response-delay", "must be greater than --heartbeat-delay (" + heartbeatDelay + " ms)"));
            }
            if (maxAckDelay < 1) out.add(new Problem("--max-ack-delay", "must be at least 1 ms"));
            if (maxUnackedClients < 0) out.add(new Problem("--max-unacked-clients", "must be 0 or more"));
        }
        return out;
    }

    /**
     * Peers talk TLS when their control endpoints are https. A relationship where some talk TLS and others plain HTTP
     * is refused: Kea sends every peer the same way, so one side could not be reached (or would be reached in clear).
     */
    private List<Problem> mixedSchemes() {
        if (members.isEmpty() || members.stream().allMatch(Member::https) || members.stream().noneMatch(Member::https)) {
            return List.of();
        }
        Member primary = members.get(0);
        for (Member m : members) {
            if (m.https() == primary.https()) continue;
            return List.of(new Problem("--" + m.role(), m.server() + " is reached over " + (m.https() ? "https" : "plain http")
                    + " (" + m.url() + ") but " + primary.server() + " over " + (primary.https() ? "https" : "plain http")
                    + " (" + primary.url() + "): the peers of one relationship all talk TLS or none does; add every server"
                    + " through https (with its CA as trust anchor) or every one through http"));
        }
        return List.of();
    }

    /** Whether the peers talk TLS to each other: every member is reached over https. */
    public boolean tls() { return !members.isEmpty() && members.stream().allMatch(Member::https); }

    private static List<Problem> urlProblem(String field, Member m) {
        try {
            URI u = URI.create(m.url() == null ? "" : m.url());
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
                return List.of(new Problem(field, "the peer URL of " + m.server() + " must be http:// or https:// with a host (got " + m.url() + ")"));
            }
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(new Problem(field, "the peer URL of " + m.server() + " is not a URL (" + m.url() + ")"));
        }
    }
}
