package tandem.app;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import tandem.core.RelationshipStatus;
import tandem.kea.KeaControlAgentClient;
import tandem.kea.KeaReply;
import tandem.kea.KeaStatus;
import tandem.lab.KeaLab;
import tandem.services.Services;

/** What the change lab tests read from a lab pair's servers directly, and waiting for the console to see it OK. */
final class KeaPairReads {
    private static final KeaControlAgentClient CLIENT = new KeaControlAgentClient();

    private KeaPairReads() { }

    /** config-get of server i's daemon ("dhcp4" or "dhcp6") as the console stores it: without Kea 3's hash. */
    static ObjectNode config(KeaLab pair, int i, String service) {
        KeaReply r = CLIENT.send(pair.endpoint(i), "config-get", service, null);
        ObjectNode o = ((ObjectNode) ((KeaReply.Success) r).arguments()).deepCopy();
        o.remove("hash");
        return o;
    }

    static String haState(KeaLab pair, int i, String service) {
        return CLIENT.send(pair.endpoint(i), "status-get", service, null).parse(KeaStatus::from)
                .flatMap(KeaStatus::ha).map(h -> h.local().state()).orElse("");
    }

    /** Seconds since server i's daemon last loaded its configuration. */
    static long reload(KeaLab pair, int i, String service) {
        return CLIENT.send(pair.endpoint(i), "status-get", service, null).parse(KeaStatus::from)
                .map(KeaStatus::reload).orElseThrow();
    }

    /** Polls until the console sees the relationship OK (at most 30 s). */
    static void awaitOk(Services services, String relationship) {
        for (int i = 0; i < 150; i++) {
            var state = services.poller().refresh().get(relationship);
            if (state != null && state.status() == RelationshipStatus.OK) return;
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        fail("the pair did not become OK: " + services.poller().current().get(relationship));
    }
}
