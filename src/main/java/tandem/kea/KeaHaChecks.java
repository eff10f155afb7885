package tandem.kea;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tandem.core.ClockSkew;
import tandem.core.ConfigCheck;
import tandem.core.PeerDefinition;
import tandem.core.PeerObservation;
import tandem.core.Relationship;

/**
 * Sanity checks of a Kea HA configuration that Kea itself accepts but that hurt in operation. Pure functions over
 * config-get's arguments and a poll's observations.
 */
public final class KeaHaChecks {
    private KeaHaChecks() {}

    /** Kea's defaults (hooks-ha) for a configuration that leaves the timers out. */
    static final long DEFAULT_HEARTBEAT_MS = 10_000;
    static final long DEFAULT_MAX_RESPONSE_MS = 60_000;
    /** max-response-delay should cover several heartbeats, so one late heartbeat does not start a failover. */
    static final int HEARTBEATS_PER_RESPONSE_DELAY = 3;

    /**
     * @param configGetArguments the server's config-get arguments ({@code {"Dhcp4": ...}})
     * @param thisServerName     the server the configuration belongs to (its this-server-name)
     * @param controlAgentUrl    where the console reaches that server's Control Agent, or null when unknown
     */
    public static List<ConfigCheck> configuration(JsonNode configGetArguments, String thisServerName, URI controlAgentUrl) {
        List<ConfigCheck> out = new ArrayList<>();
        JsonNode dhcp4 = configGetArguments == null ? null : KeaService.rootOf(configGetArguments);
        if (dhcp4 == null || dhcp4.isMissingNode()) return out;
        boolean leaseCmds = false;
        JsonNode ha = null;
        for (JsonNode hook : dhcp4.path("hooks-libraries")) {
            String library = hook.path("library").asText("");
            if (library.endsWith("libdhcp_lease_cmds.so")) leaseCmds = true;
            if (!library.endsWith("libdhcp_ha.so")) continue;
            for (JsonNode rel : hook.path("parameters").path("high-availability")) {
                if (ha == null || thisServerName != null && thisServerName.equals(rel.path("this-server-name").asText())) {
                    ha = rel;
                }
            }
        }
        if (ha == null) return out;
        String self = ha.path("this-server-name").asText(thisServerName);
        String mode = ha.path("mode").asText("");

        leaseCommands(ha, self, leaseCmds).ifPresent(out::add);

        long heartbeat = number(ha, "heartbeat-delay", DEFAULT_HEARTBEAT_MS);
        long maxResponse = number(ha, "max-response-delay", DEFAULT_MAX_RESPONSE_MS);
        boolean pair = mode.equals("load-balancing") || mode.equals("hot-standby");
        if (pair && heartbeat > 0) {
            if (maxResponse <= heartbeat) {
                out.add(ConfigCheck.error("max-response-delay (" + ms(maxResponse) + ") is not greater than "
                        + "heartbeat-delay (" + ms(heartbeat) + "): the partner can be declared down between two "
                        + "heartbeats, so failover starts without a real failure"));
            } else if (maxResponse < HEARTBEATS_PER_RESPONSE_DELAY * heartbeat) {
                out.add(ConfigCheck.warning("max-response-delay (" + ms(maxResponse) + ") is less than "
                        + HEARTBEATS_PER_RESPONSE_DELAY + " times heartbeat-delay (" + ms(heartbeat) + "): one late "
                        + "or lost heartbeat can start failover; make it several heartbeats long"));
            }
        }
        if (pair && ha.path("max-unacked-clients").isNumber() && ha.path("max-unacked-clients").asLong() == 0) {
            out.add(ConfigCheck.warning("max-unacked-clients is 0: when the partner stops answering heartbeats "
                    + "for max-response-delay, the server goes to partner-down at once, without first watching "
                    + "whether the partner still answers DHCP clients; a broken link between the servers alone "
                    + "then makes both serve every client"));
        }
        portCollision(dhcp4, ha, self, controlAgentUrl).ifPresent(out::add);
        out.addAll(KeaHaTlsChecks.peers(ha, self));
        return out;
    }

    /**
     * HA uses the lease commands only to send lease updates to its partners and to synchronize its lease database
     * with them. With a shared or replicated lease database both are turned off (send-lease-updates and
     * sync-leases false, the ARM's "Lease Information Sharing"), and libdhcp_lease_cmds.so is then not needed.
     */
    private static java.util.Optional<ConfigCheck> leaseCommands(JsonNode ha, String self, boolean loaded) {
        boolean updates = flag(ha, "send-lease-updates");
        boolean sync = flag(ha, "sync-leases");
        if (loaded || (!updates && !sync)) return java.util.Optional.empty();
        String fails;
        if (updates && sync) {
            fails = "HA cannot synchronize leases with its partner (a restarting server stays in syncing) and lease"
                    + " updates between the servers fail";
        } else if (sync) {
            fails = "HA cannot synchronize leases with its partner (sync-leases is true; a restarting server stays"
                    + " in syncing)";
        } else {
            fails = "lease updates between the servers fail (send-lease-updates is true)";
        }
        return java.util.Optional.of(ConfigCheck.error(self + " does not load libdhcp_lease_cmds.so: " + fails
                + "; add the library to hooks-libraries before libdhcp_ha.so, or set send-lease-updates and"
                + " sync-leases to false when the servers share a lease database"));
    }

    /** A boolean HA parameter; Kea's default for both lease parameters is true. */
    private static boolean flag(JsonNode ha, String field) {
        JsonNode v = ha.get(field);
        return v == null || !v.isBoolean() || v.booleanValue();
    }

    /**
     * Kea 2.4+ can give HA its own HTTP listener (multi-threading with http-dedicated-listener): the server's own
     * peer URL is then where that listener binds, and it must not be the Control Agent's address and port.
     */
    private static java.util.Optional<ConfigCheck> portCollision(JsonNode dhcp4, JsonNode ha, String self, URI ca) {
        JsonNode haMt = ha.path("multi-threading");
        boolean dedicated = dhcp4.path("multi-threading").path("enable-multi-threading").asBoolean(false)
                && haMt.path("enable-multi-threading").asBoolean(false)
                && haMt.path("http-dedicated-listener").asBoolean(false);
        // with its own control sockets (Kea 3) the listener is checked against them (KeaControlSocketChecks)
        if (!dedicated || ca == null || ca.getHost() == null || dhcp4.has("control-sockets")) {
            return java.util.Optional.empty();
        }
        for (JsonNode peer : ha.path("peers")) {
            if (!self.equals(peer.path("name").asText())) continue;
            URI listener;
            try {
                listener = URI.create(peer.path("url").asText(""));
            } catch (IllegalArgumentException e) {
                return java.util.Optional.empty();
            }
            if (listener.getHost() == null) return java.util.Optional.empty();
            if (port(listener) == port(ca) && sameHost(listener.getHost(), ca.getHost())) {
                return java.util.Optional.of(ConfigCheck.error("The dedicated HA listener of " + self + " ("
                        + listener + ") uses port " + port(ca) + ", the Control Agent's port on the same host: "
                        + "only one of them can listen there; give " + self + "'s peer URL another port"));
            }
        }
        return java.util.Optional.empty();
    }

    /** Clock skew from a poll (ha-heartbeat's date-time against the console's clock). */
    public static List<ConfigCheck> clockSkew(Relationship rel, Map<String, PeerObservation> observed) {
        List<ConfigCheck> out = new ArrayList<>();
        for (PeerDefinition p : rel.peers()) {
            PeerObservation o = observed == null ? null : observed.get(p.name());
            if (o == null || o.clockSkewSeconds() == null || !o.up()) continue;
            long off = Math.abs(o.clockSkewSeconds());
            switch (ClockSkew.of(o.clockSkewSeconds())) {
                case ERROR -> out.add(ConfigCheck.error(p.name() + "'s clock is " + off + " s off: above "
                        + ClockSkew.ERROR_SECONDS + " s Kea ends HA between the servers (terminated); fix NTP"));
                case WARNING -> out.add(ConfigCheck.warning(p.name() + "'s clock is " + off + " s off: Kea warns "
                        + "above " + ClockSkew.WARN_SECONDS + " s and ends HA above " + ClockSkew.ERROR_SECONDS
                        + " s; fix NTP"));
                default -> { }
            }
        }
        return out;
    }

    private static long number(JsonNode node, String field, long fallback) {
        JsonNode v = node.get(field);
        return v != null && v.isNumber() ? v.asLong() : fallback;
    }

    private static int port(URI u) {
        if (u.getPort() >= 0) return u.getPort();
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private static boolean sameHost(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        return x.equals(y) || wildcard(x) || wildcard(y);
    }

    private static boolean wildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("[::]") || host.equals("::");
    }

    /** "3 s", "1.5 s", "250 ms". */
    static String ms(long v) {
        if (v < 1000) return v + " ms";
        if (v % 1000 == 0) return (v / 1000) + " s";
        return String.format(Locale.ROOT, "%.1f s", v / 1000.0);
    }
}
