package tandem.kea;

import com.fasterxml.jackson.databind.JsonNode;
import tandem.core.ServiceType;

/**
 * Kea's names for a DHCP service: the daemon a Control Agent forwards to (the {@code service} list), the top-level
 * key of its configuration and the list of its subnets.
 */
public final class KeaService {
    private KeaService() {}

    /** Kea's host identifier types, in the order Kea documents them (a host reservation has exactly one). */
    public static final java.util.List<String> HOST_IDENTIFIERS =
            java.util.List.of("hw-address", "duid", "circuit-id", "client-id", "flex-id");

    /** The daemon a command goes to: "dhcp4" or "dhcp6". */
    public static String daemon(ServiceType service) { return service.isV6() ? "dhcp6" : "dhcp4"; }

    /** The configuration's top-level key: "Dhcp4" or "Dhcp6". */
    public static String root(ServiceType service) { return service.isV6() ? "Dhcp6" : "Dhcp4"; }

    /** The list of subnets in that configuration: "subnet4" or "subnet6". */
    public static String subnets(ServiceType service) { return service.isV6() ? "subnet6" : "subnet4"; }

    /** The service a config-get answer ({@code {"Dhcp6": ...}}) configures; DHCPv4 unless it holds Dhcp6 only. */
    public static ServiceType of(JsonNode config) {
        return config != null && config.path("Dhcp6").isObject() && !config.path("Dhcp4").isObject()
                ? ServiceType.DHCPV6 : ServiceType.DHCPV4;
    }

    /** The Dhcp4 or Dhcp6 object of a config-get answer (a missing node when it has neither). */
    public static JsonNode rootOf(JsonNode config) {
        return config == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : config.path(root(of(config)));
    }
}
