package tandem.kea.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Set;

/** The values a subnet edit may give its parameters, checked the same way by the command line and the console. */
public final class SubnetParameters {
    /** Parameters in seconds: whole numbers Kea keeps in 32 bits. */
    public static final Set<String> SECONDS = Set.of("valid-lifetime", "min-valid-lifetime", "max-valid-lifetime",
            "renew-timer", "rebind-timer");
    /** Parameters only a DHCPv4 subnet has. */
    public static final Set<String> DHCP4_ONLY = Set.of("next-server", "server-hostname", "boot-file-name");
    private static final long MAX_SECONDS = 4294967295L;

    private SubnetParameters() {}

    /** Null when the value suits the parameter (or the parameter is not editable: the change says so). */
    public static String valueProblem(String name, String value) {
        if (!KeaChange.EditSubnet.editable().contains(name)) return null;
        if (SECONDS.contains(name)) {
            try {
                long v = Long.parseLong(value);
                return v < 0 || v > MAX_SECONDS ? name + " must be from 0 to " + MAX_SECONDS + " seconds" : null;
            } catch (NumberFormatException e) {
                return name + " must be a number of seconds, not '" + value + "'";
            }
        }
        if (name.equals("next-server")) {
            return value.matches("(\\d{1,3}\\.){3}\\d{1,3}") && java.util.Arrays.stream(value.split("\\."))
                    .allMatch(o -> Integer.parseInt(o) <= 255) ? null
                    : "next-server must be an IPv4 address, not '" + value + "'";
        }
        if (value.isEmpty()) return name + " must not be empty";
        if (value.length() > 255) return name + " is longer than 255 characters";
        return value.chars().anyMatch(Character::isISOControl) ? name + " contains a control character" : null;
    }

    /** The JSON value Kea expects: a number for seconds, else text. Call only for a value without a problem. */
    public static JsonNode value(String name, String value) {
        if (SECONDS.contains(name) && valueProblem(name, value) == null) {
            return JsonNodeFactory.instance.numberNode(Long.parseLong(value));
        }
        return JsonNodeFactory.instance.textNode(value);
    }
}
