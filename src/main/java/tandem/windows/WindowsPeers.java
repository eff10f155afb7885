package tandem.windows;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.ServerRecord;

/**
 * Which inventory record a relationship's peer is. Windows names a partner as it was given to the failover cmdlets
 * (a short name or an FQDN); when the administrator has added that partner too, it is reached with its own record's
 * login, else with the login of the server the relationship came through, at the partner's name.
 */
public final class WindowsPeers {
    private final Supplier<List<ServerRecord>> servers;

    public WindowsPeers(Supplier<List<ServerRecord>> servers) { this.servers = servers; }

    public Optional<ServerRecord> record(String peer) {
        if (peer == null) return Optional.empty();
        List<ServerRecord> windows = servers.get().stream().filter(s -> s.backend() == Backend.WINDOWS).toList();
        for (ServerRecord s : windows) if (s.name().equalsIgnoreCase(peer)) return Optional.of(s);
        for (ServerRecord s : windows) if (shortName(s.name()).equals(shortName(peer))) return Optional.of(s);
        for (ServerRecord s : windows) {
            String host = s.connection().url() == null ? null : s.connection().url().getHost();
            if (host != null && (host.equalsIgnoreCase(peer) || shortName(host).equals(shortName(peer)))) return Optional.of(s);
        }
        return Optional.empty();
    }

    /** How to reach {@code peer}: its own record's login when it has one, else {@code given}. */
    public ConnectionSettings connection(String peer, ConnectionSettings given) {
        return record(peer).map(r -> r.connection().withUrl(
                WindowsServerSettings.peerUrl(r.connection().url(), WindowsServerSettings.relationship(given.url()))))
                .orElse(given);
    }

    /** "dhcp2" for "DHCP2.corp.example". Addresses stay whole. */
    static String shortName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.matches("[0-9.]+") || n.contains(":")) return n;
        int dot = n.indexOf('.');
        return dot < 0 ? n : n.substring(0, dot);
    }
}
