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
        /** The server does not know the command: the hook library that brings it is not loaded. */
        final boolean unsupported;

        ConfigCommandFailed(String server, String command, String message, boolean mayHaveApplied) {
            this(server, command, message, mayHaveApplied, false);
        }

        ConfigCommandFailed(String server, String command, String message, boolean mayHaveApplied, boolean unsupported) {
            super(message);
            this.server = server;
            this.command = command;
            this.mayHaveApplied = mayHaveApplied;
            this.unsupported = unsupported;
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
        offered.remove(key(c, service));
        ok(server, "config-set", client.send(endpoint(c), "config-set", KeaService.daemon(service), config));
    }

    void write(String server, ConnectionSettings c, ServiceType service) {
        ok(server, "config-write", client.send(endpoint(c), "config-write", KeaService.daemon(service), null));
    }


    /**
     * One hook command that changes the running configuration (subnet_cmds, host_cmds); what is known of the
     * server's configuration is forgotten first, as for a config-set.
     */
    JsonNode change(String server, ConnectionSettings c, ServiceType service, String command, JsonNode arguments) {
        known.forget(key(c, service));
        return ok(server, command, client.send(endpoint(c), command, KeaService.daemon(service), arguments));
    }

    /** A read-only command; Kea's "empty" answer (result 3) is an empty node, not a failure. */
    JsonNode query(String server, ConnectionSettings c, ServiceType service, String command, JsonNode arguments) {
        KeaReply reply = client.send(endpoint(c), command, KeaService.daemon(service), arguments);
        if (reply instanceof KeaReply.Failure f && f.kind() == tandem.kea.KeaFailure.EMPTY) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        return ok(server, command, reply);
    }

    /** {@link #query} without waiting: reads of several servers and subnets overlap. */
    java.util.concurrent.CompletableFuture<JsonNode> queryAsync(String server, ConnectionSettings c, ServiceType service,
                                                                String command, JsonNode arguments) {
        return client.sendAsync(endpoint(c), command, KeaService.daemon(service), arguments).thenApply(reply -> {
            if (reply instanceof KeaReply.Failure f && f.kind() == tandem.kea.KeaFailure.EMPTY) {
                return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
            }
            return ok(server, command, reply);
        });
    }

    /** How long a server's list of commands is trusted: its hooks change only with a reload or restart. */
    private static final long COMMANDS_KEPT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(60);

    private record Offered(tandem.kea.KeaCommandList commands, long atNanos) {}

    /** Each server's commands, forgotten when it is reconfigured from here or a command there fails. */
    private final java.util.concurrent.ConcurrentHashMap<String, Offered> offered = new java.util.concurrent.ConcurrentHashMap<>();

    /** The commands the server accepts, its hooks' included: as listed within the last minute, else asked now. */
    java.util.concurrent.CompletableFuture<tandem.kea.KeaCommandList> commands(String server, ConnectionSettings c, ServiceType service) {
        Offered known = offered.get(key(c, service));
        if (known != null && System.nanoTime() - known.atNanos() < COMMANDS_KEPT_NANOS) {
            return java.util.concurrent.CompletableFuture.completedFuture(known.commands());
        }
        long asked = System.nanoTime();
        return queryAsync(server, c, service, "list-commands", null).thenApply(args -> {
            tandem.kea.KeaCommandList list = tandem.kea.KeaCommandList.from(args);
            offered.put(key(c, service), new Offered(list, asked));
            return list;
        });
    }

    /** A command failed there: its hooks may have changed. */
    void forgetCommands(ConnectionSettings c, ServiceType service) {
        offered.remove(key(c, service));
    }


    /** config-write without waiting: the servers of a relationship write their files at the same time. */
    java.util.concurrent.CompletableFuture<KeaReply> writeAsync(ConnectionSettings c, ServiceType service) {
        return client.sendAsync(endpoint(c), "config-write", KeaService.daemon(service), null);
    }

    /** Throws as the other commands do when an asynchronous command did not succeed. */
    static void check(String server, String command, KeaReply reply) {
        ok(server, command, reply);
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
                    + f.message() : server + " refused " + command + ": " + f.message(), lost,
                    f.kind() == tandem.kea.KeaFailure.UNSUPPORTED);
        }
        return ((KeaReply.Success) reply).arguments();
    }
}
