package tandem.kea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tandem.core.lease.Lease;

/**
 * Reads every lease of one Kea server with {@code lease4-get-page} or {@code lease6-get-page} (the lease_cmds hook), page by page, bounded
 * in pages and time so that a huge lease database cannot hold a caller forever.
 */
public final class KeaLeaseReader {
    /** Kea's own maximum page size is far larger; this keeps each answer well under the reply limit. */
    public static final int PAGE_SIZE = 1000;
    public static final int MAX_PAGES = 200;

    /**
     * The leases read, and whether reading stopped before the last page.
     *
     * @param problem null when the server answered; else why its leases are unknown (hook missing, unreachable...)
     */
    public record Result(List<Lease> leases, boolean truncated, String problem) {
        public boolean answered() { return problem == null; }
    }

    private final KeaControlAgentClient client;

    public KeaLeaseReader(KeaControlAgentClient client) {
        this.client = client;
    }

    /** The DHCPv4 leases. */
    public Result read(KeaEndpoint ep, Duration within) {
        return read(ep, KeaControlAgentClient.DHCP4, within);
    }

    /** @param daemon "dhcp4" or "dhcp6" */
    public Result read(KeaEndpoint ep, String daemon, Duration within) {
        boolean v6 = "dhcp6".equals(daemon);
        long deadline = System.nanoTime() + within.toNanos();
        List<Lease> out = new ArrayList<>();
        String from = "start";
        for (int page = 0; page < MAX_PAGES; page++) {
            if (System.nanoTime() > deadline) return new Result(List.copyOf(out), true, null);
            ObjectNode args = JsonNodeFactory.instance.objectNode();
            args.put("from", from);
            args.put("limit", PAGE_SIZE);
            KeaReply reply = client.send(ep, v6 ? "lease6-get-page" : "lease4-get-page", daemon, args);
            if (reply instanceof KeaReply.Failure f) {
                // result 3: no lease after "from"; the previous page was the last
                if (f.kind() == KeaFailure.EMPTY) return new Result(List.copyOf(out), false, null);
                return new Result(List.copyOf(out), false, f.message());
            }
            JsonNode leases = ((KeaReply.Success) reply).arguments().path("leases");
            int n = 0;
            String last = null;
            for (JsonNode l : leases) {
                Lease lease = v6 ? parse6(l) : parse(l);
                if (lease == null) continue;
                out.add(lease);
                // the next page starts after this address (a prefix's address, without its length)
                last = KeaJson.text(l, "ip-address");
                n++;
            }
            if (n < PAGE_SIZE || last == null) return new Result(List.copyOf(out), false, null);
            from = last;
        }
        return new Result(List.copyOf(out), true, null);
    }

    /** One element of Kea's "leases" list; null when it has no address. */
    static Lease parse(JsonNode l) {
        String ip = KeaJson.text(l, "ip-address");
        if (ip == null) return null;
        Long cltt = KeaJson.longValue(l, "cltt");
        Long valid = KeaJson.longValue(l, "valid-lft");
        Long subnet = KeaJson.longValue(l, "subnet-id");
        Integer state = KeaJson.intValue(l, "state");
        return new Lease(ip, KeaJson.text(l, "hw-address"), KeaJson.text(l, "hostname"), subnet == null ? 0 : subnet,
                (cltt == null ? 0 : cltt) + (valid == null ? 0 : valid), stateName(state));
    }

    /** One element of lease6-get-page's "leases": an address, or a delegated prefix written with its length. */
    static Lease parse6(JsonNode l) {
        String ip = KeaJson.text(l, "ip-address");
        if (ip == null) return null;
        Integer len = KeaJson.intValue(l, "prefix-len");
        if ("IA_PD".equals(KeaJson.text(l, "type")) && len != null) ip = ip + "/" + len;
        Long cltt = KeaJson.longValue(l, "cltt");
        Long valid = KeaJson.longValue(l, "valid-lft");
        Long subnet = KeaJson.longValue(l, "subnet-id");
        return new Lease(ip, KeaJson.text(l, "hw-address"), KeaJson.text(l, "hostname"), subnet == null ? 0 : subnet,
                (cltt == null ? 0 : cltt) + (valid == null ? 0 : valid), stateName(KeaJson.intValue(l, "state")),
                KeaJson.text(l, "duid"));
    }

    /**
     * Kea's lease states (lease.h): 0 "default", 1 declined, 2 expired-reclaimed. A default lease is a client's
     * assigned address: "active", the word dhcpd and Windows use, so leases read alike across backends.
     */
    static String stateName(Integer state) {
        if (state == null) return "active";
        return switch (state) {
            case 0 -> "active";
            case 1 -> "declined";
            case 2 -> "expired-reclaimed";
            default -> "state " + state;
        };
    }
}
