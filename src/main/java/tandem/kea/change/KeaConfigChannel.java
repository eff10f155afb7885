package tandem.kea.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import tandem.core.ConnectionSettings;
import tandem.core.ServiceType;
import tandem.kea.KeaControlAgentClient;
import tandem.kea.KeaService;
import tandem.kea.KeaEndpoint;
import tandem.kea.KeaReply;

/**
 * config-get / config-test / config-set / config-write on one server. Configuration commands get a long timeout:
 * a large configuration takes Kea several seconds to test or set.
 */
final class KeaConfigChannel {
    static final Duration CONFIG_TIMEOUT = Duration.ofSeconds(120);

    /** A configuration command that did not succeed, with Kea's or the transport's message. */
    static final class ConfigCommandFailed extends RuntimeException {
        final String server;
        final String command;
        /** The command was sent but no answer came: the server may have carried it out. */
        final boolean mayHaveApplied;

        ConfigCommandFailed(String server, String command, String message, boolean mayHaveApplied) {
            super(message);
            this.server = server;
            this.command = command;
            this.mayHaveApplied = mayHaveApplied;
        }
    }

    private final KeaControlAgentClient client;
    private final Duration configTimeout;
    private final KnownConfigurations known = new KnownConfigurations();

    KeaConfigChannel(KeaControlAgentClient client) {
        this(client, CONFIG_TIMEOUT);
    }

    /** @param configTimeout how long config-get, -test, -set and -write may take before the answer counts as lost */
    KeaConfigChannel(KeaControlAgentClient client, Duration configTimeout) {
        this.client = client;
        this.configTimeout = configTimeout;
    }

    /** Per server and service: one agent fronts both daemons. */
    private static String key(ConnectionSettings c, ServiceType service) {
        return c.url() + (service.isV6() ? "#dhcp6" : "");
    }

    private KeaEndpoint endpoint(ConnectionSettings c) {
        return new KeaEndpoint(c.url(), c.proxy(), c.username(), c.password(), c.trustAnchorPem(), configTimeout);
    }

    /** Reads the server's running configuration now. */
    ObjectNode get(String server, ConnectionSettings c, ServiceType service) {
        long sent = System.nanoTime();
        JsonNode args = ok(server, "config-get", client.send(endpoint(c), "config-get", KeaService.daemon(service), null));
        String root = KeaService.root(service);
        if (!(args instanceof ObjectNode o) || !o.path(root).isObject()) {
            throw new ConfigCommandFailed(server, "config-get", server + " answered config-get without a " + root
                    + " configuration", false);
        }
        known.remember(key(c, service), o, sent);
        return o;
    }

    /**
     * The server's running configuration: the one last read when status-get shows the server has not been
     * reconfigured (or restarted) since that read, otherwise read now. A status-get costs milliseconds; a config-get
     * of a large configuration blocks the server for seconds.
     */
    ObjectNode current(String server, ConnectionSettings c, ServiceType service) {
        long sent = System.nanoTime();
        KeaReply reply = client.send(statusEndpoint(c), "status-get", KeaService.daemon(service), null);
        long answered = System.nanoTime();
        Long since = reply.parse(tandem.kea.KeaStatus::from)
                .map(s -> s.reload() == null || s.uptime() == null ? null : Math.min(s.reload(), s.uptime()))
                .orElse(null);
        var unchanged = known.unchanged(key(c, service), since, sent, answered);
        if (unchanged.isPresent()) {
            LOG.debug("{} was not reconfigured since it was last read ({} s ago): not read again", server, since);
            return unchanged.get();
        }
        return get(server, c, service);
    }

    void test(String server, ConnectionSettings c, ServiceType service, ObjectNode config) {
        ok(server, "config-test", client.send(endpoint(c), "config-test", KeaService.daemon(service), config));
    }

    void set(String server, ConnectionSettings c, ServiceType service, ObjectNode config) {
        known.forget(key(c, service));
        ok(server, "config-set", client.send(endpoint(c), "config-set", KeaService.daemon(service), config));
    }

    void write(String server, ConnectionSettings c, ServiceType service) {
        ok(server, "config-write", client.send(endpoint(c), "config-write", KeaService.daemon(service), null));
    }

    /** The server's HA state for its first relationship of that service, or null when it does not say. */
    String haState(ConnectionSettings c, ServiceType service) {
        return client.send(statusEndpoint(c), "status-get", KeaService.daemon(service), null)
                .parse(tandem.kea.KeaStatus::from)
                .flatMap(tandem.kea.KeaStatus::ha)
                .map(h -> h.local() == null ? null : h.local().state())
                .orElse(null);
    }

    private static KeaEndpoint statusEndpoint(ConnectionSettings c) {
        return new KeaEndpoint(c.url(), c.proxy(), c.username(), c.password(), c.trustAnchorPem(), Duration.ofSeconds(5));
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KeaConfigChannel.class);

    private static JsonNode ok(String server, String command, KeaReply reply) {
        LOG.debug("{} on {} answered", command, server);
        if (reply instanceof KeaReply.Failure f) {
            boolean lost = tandem.kea.KeaTransportFailures.answerLost(f);
            throw new ConfigCommandFailed(server, command, lost ? command + " on " + server + " got no answer: "
                    + f.message() : server + " refused " + command + ": " + f.message(), lost);
        }
        return ((KeaReply.Success) reply).arguments();
    }
}
