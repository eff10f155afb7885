package tandem.kea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.CompletableFuture;

/**
 * The two ways a Kea command travels: the OkHttp client (every command but the status poll) and {@link KeaAsyncHttp}
 * (the status poll). Tests parameterized by it hold both to the same answers and the same failure sentences.
 */
enum KeaTransport {
    OKHTTP, HC5;

    Sender open() {
        return open(KeaReplyLimit.configured());
    }

    Sender open(long maxReplyBytes) {
        KeaControlAgentClient client = new KeaControlAgentClient(new ObjectMapper(), maxReplyBytes);
        return new Sender(client, this == HC5 ? new KeaAsyncHttp(client) : null);
    }

    /** The client's command methods, sent over one transport; synchronous ones wait for the asynchronous answer. */
    static final class Sender implements AutoCloseable {
        final KeaControlAgentClient client;
        /** null for OkHttp */
        final KeaAsyncHttp async;

        private Sender(KeaControlAgentClient client, KeaAsyncHttp async) {
            this.client = client;
            this.async = async;
        }

        CompletableFuture<KeaReply> sendAsync(KeaEndpoint ep, String command, String service, JsonNode arguments) {
            return async == null ? client.sendAsync(ep, command, service, arguments)
                    : async.sendAsync(ep, command, service, arguments);
        }

        KeaReply send(KeaEndpoint ep, String command, String service, JsonNode arguments) {
            return async == null ? client.send(ep, command, service, arguments)
                    : sendAsync(ep, command, service, arguments).join();
        }

        KeaReply statusGet(KeaEndpoint ep) { return send(ep, "status-get", KeaControlAgentClient.DHCP4, null); }

        CompletableFuture<KeaReply> statusGetAsync(KeaEndpoint ep) {
            return sendAsync(ep, "status-get", KeaControlAgentClient.DHCP4, null);
        }

        KeaReply haHeartbeat(KeaEndpoint ep) { return send(ep, "ha-heartbeat", KeaControlAgentClient.DHCP4, null); }

        CompletableFuture<KeaReply> haHeartbeatAsync(KeaEndpoint ep) {
            return sendAsync(ep, "ha-heartbeat", KeaControlAgentClient.DHCP4, null);
        }

        KeaReply versionGet(KeaEndpoint ep) { return send(ep, "version-get", KeaControlAgentClient.DHCP4, null); }

        KeaReply configGet(KeaEndpoint ep) { return send(ep, "config-get", KeaControlAgentClient.DHCP4, null); }

        @Override
        public void close() {
            if (async != null) async.close();
            client.close();
        }
    }
}
