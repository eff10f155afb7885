package tandem.kea.change;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tandem.core.AddressRules;

/**
 * One change to a Kea DHCPv4 configuration, kept as an operation rather than a finished configuration so it can be
 * validated, previewed, journaled, replayed on a returning primary and re-applied (rebased) on a configuration that
 * another administrator changed meanwhile. {@link #applyTo} refuses with the field at fault when the change does
 * not fit the configuration it meets.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = KeaChange.AddSubnet.class, name = "subnet-add"),
        @JsonSubTypes.Type(value = KeaChange.EditSubnet.class, name = "subnet-edit"),
        @JsonSubTypes.Type(value = KeaChange.RemoveSubnet.class, name = "subnet-remove"),
        @JsonSubTypes.Type(value = KeaChange.AddPool.class, name = "pool-add"),
        @JsonSubTypes.Type(value = KeaChange.RemovePool.class, name = "pool-remove"),
        @JsonSubTypes.Type(value = KeaChange.AddReservation.class, name = "reservation-add"),
        @JsonSubTypes.Type(value = KeaChange.RemoveReservation.class, name = "reservation-remove"),
        @JsonSubTypes.Type(value = KeaChange.SetOption.class, name = "option-set"),
        @JsonSubTypes.Type(value = KeaChange.RestoreSubnet.class, name = "subnet-restore"),
        @JsonSubTypes.Type(value = KeaChange.RestoreGlobalOptions.class, name = "options-restore")})
public sealed interface KeaChange {
    /** One line for the journal, the audit trail and confirmations. */
    String describe();

    /** Makes the change in {@code config} (a {"Dhcp4": ...} document the caller owns). */
    void applyTo(ObjectNode config);

    /** The change that undoes this one, given the configuration as it was before this one was applied. */
    KeaChange inverse(ObjectNode before);

    /** Applies to a copy and returns it, leaving {@code config} untouched. */
    default ObjectNode appliedTo(JsonNode config) {
        ObjectNode copy = KeaConfigJson.copy(config);
        applyTo(copy);
        return copy;
    }

    record AddSubnet(String subnet, Long id, List<String> pools) implements KeaChange {
        static final long MAX_ID = Ipv4.MAX_SUBNET_ID;

        public AddSubnet {
            subnet = Subnets.normal(subnet);
            pools = pools == null ? List.of() : List.copyOf(pools);
        }

        public String describe() { return "Add subnet " + subnet + (pools.isEmpty() ? "" : " with pool " + String.join(", ", pools)); }

        public void applyTo(ObjectNode config) {
            Ipv4.Range range = Ipv4.prefix(subnet);
            if (range == null) throw new ChangeRefused("subnet", AddressRules.networkProblem(subnet));
            if (Ipv4.subnetIdProblem(id) != null) throw new ChangeRefused("id", Ipv4.subnetIdProblem(id));
            long maxId = 0;
            for (JsonNode s : KeaConfigJson.subnets(config)) {
                Ipv4.Range other = Ipv4.prefix(s.path("subnet").asText());
                if (other != null && other.overlaps(range)) {
                    throw new ChangeRefused("subnet", subnet + " overlaps subnet " + s.path("subnet").asText()
                            + " (id " + s.path("id").asText() + ")");
                }
                maxId = Math.max(maxId, s.path("id").asLong());
                if (id != null && s.path("id").asLong() == id.longValue()) {
                    throw new ChangeRefused("id", "Subnet id " + id + " is already used by " + s.path("subnet").asText());
                }
            }
            if (id == null && maxId >= MAX_ID) {
                throw new ChangeRefused("id", "Subnet id " + MAX_ID + " is taken, so the next one is not free: give an id");
            }
            ObjectNode s = KeaConfigJson.MAPPER.createObjectNode();
            s.put("id", id != null ? id : maxId + 1);
            s.put("subnet", subnet);
            ArrayNode poolArray = s.putArray("pools");
            List<Ipv4.Range> added = new ArrayList<>();
            for (String p : pools) {
                Ipv4.Range r = Pools.check(subnet, range, p, added);
                added.add(r);
                poolArray.addObject().put("pool", p.strip());
            }
            KeaConfigJson.subnets(config).add(s);
        }

        public KeaChange inverse(ObjectNode before) { return new RemoveSubnet(subnet); }
    }

    /** Sets per-subnet parameters such as valid-lifetime; null values remove the parameter. */
    record EditSubnet(String subnet, Map<String, JsonNode> parameters) implements KeaChange {
        static final Set<String> EDITABLE = Set.of("valid-lifetime", "min-valid-lifetime", "max-valid-lifetime",
                "renew-timer", "rebind-timer", "next-server", "server-hostname", "boot-file-name", "comment");

        public EditSubnet {
            subnet = Subnets.normal(subnet);
            parameters = parameters == null ? Map.of() : new java.util.TreeMap<>(parameters);
        }

        public String describe() { return "Edit subnet " + subnet + ": " + String.join(", ", parameters.keySet()); }

        public void applyTo(ObjectNode config) {
            ObjectNode s = Subnets.existing(config, subnet);
            for (var e : parameters.entrySet()) {
                if (!EDITABLE.contains(e.getKey())) {
                    throw new ChangeRefused(e.getKey(), e.getKey() + " cannot be edited here; editable: "
                            + String.join(", ", new java.util.TreeSet<>(EDITABLE)));
                }
                if (e.getValue() == null || e.getValue().isNull()) s.remove(e.getKey());
                else s.set(e.getKey(), e.getValue());
            }
        }

        public KeaChange inverse(ObjectNode before) { return RestoreSubnet.of(before, subnet); }
    }

    record RemoveSubnet(String subnet) implements KeaChange {
        public RemoveSubnet {
            subnet = Subnets.normal(subnet);
        }

        public String describe() { return "Remove subnet " + subnet; }

        public void applyTo(ObjectNode config) {
            Subnets.existing(config, subnet);
            ArrayNode all = KeaConfigJson.subnets(config);
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).path("subnet").asText().equals(subnet)) {
                    all.remove(i);
                    return;
                }
            }
        }

        public KeaChange inverse(ObjectNode before) { return RestoreSubnet.of(before, subnet); }
    }

    record AddPool(String subnet, String pool) implements KeaChange {
        public AddPool {
            subnet = Subnets.normal(subnet);
        }

        public String describe() { return "Add pool " + pool + " to subnet " + subnet; }

        public void applyTo(ObjectNode config) {
            ObjectNode s = Subnets.existing(config, subnet);
            List<Ipv4.Range> existing = new ArrayList<>();
            for (JsonNode p : s.path("pools")) existing.add(Ipv4.pool(p.path("pool").asText()));
            Pools.check(subnet, Ipv4.prefix(subnet), pool, existing);
            KeaConfigJson.array(s, "pools").addObject().put("pool", pool.strip());
        }

        public KeaChange inverse(ObjectNode before) { return new RemovePool(subnet, pool); }
    }

    record RemovePool(String subnet, String pool) implements KeaChange {
        public RemovePool {
            subnet = Subnets.normal(subnet);
        }

        public String describe() { return "Remove pool " + pool + " from subnet " + subnet; }

        public void applyTo(ObjectNode config) {
            ObjectNode s = Subnets.existing(config, subnet);
            Ipv4.Range wanted = Ipv4.pool(pool);
            ArrayNode pools = KeaConfigJson.array(s, "pools");
            for (int i = 0; i < pools.size(); i++) {
                if (wanted != null && wanted.equals(Ipv4.pool(pools.get(i).path("pool").asText()))) {
                    pools.remove(i);
                    return;
                }
            }
            throw new ChangeRefused("pool", "Subnet " + subnet + " has no pool " + pool);
        }

        public KeaChange inverse(ObjectNode before) { return RestoreSubnet.of(before, subnet); }
    }

    record AddReservation(String subnet, String mac, String ip, String hostname) implements KeaChange {
        public AddReservation {
            subnet = Subnets.normal(subnet);
        }

        public String describe() {
            return "Reserve " + ip + " for " + Macs.normal(mac) + (hostname == null ? "" : " (" + hostname + ")")
                    + " in subnet " + subnet;
        }

        public void applyTo(ObjectNode config) {
            if (!ReservationSyntax.mac(mac)) throw new ChangeRefused("mac", AddressRules.MAC_FORM);
            if (hostname != null && !hostname.isBlank() && !ReservationSyntax.hostname(hostname)) {
                throw new ChangeRefused("hostname", hostname + " is not a valid host name");
            }
            if (AddressRules.ipv4Problem(ip) != null) throw new ChangeRefused("ip", AddressRules.ipv4Problem(ip));
            long address = Ipv4.parse(ip);
            ObjectNode s = Subnets.existing(config, subnet);
            // the subnet as written may be a host address (10.0.0.1/24): no range to place the address in
            if (Ipv4.prefix(subnet) == null) {
                throw new ChangeRefused("subnet", subnet + " is not an IPv4 network such as 10.0.0.0/24");
            }
            // the network and broadcast addresses of the subnet are no client's
            String misplaced = AddressRules.reservationProblem(ip, subnet);
            if (misplaced != null) throw new ChangeRefused("ip", misplaced);
            String normalMac = Macs.normal(mac);
            for (JsonNode r : s.path("reservations")) {
                if (Macs.normal(r.path("hw-address").asText("")).equals(normalMac)) {
                    throw new ChangeRefused("mac", normalMac + " already has a reservation in " + subnet + " ("
                            + r.path("ip-address").asText() + ")");
                }
                if (Ipv4.parse(r.path("ip-address").asText()) == address) {
                    throw new ChangeRefused("ip", ip.strip() + " is already reserved for "
                            + r.path("hw-address").asText(r.path("client-id").asText("another client")));
                }
            }
            ObjectNode r = KeaConfigJson.array(s, "reservations").addObject();
            r.put("hw-address", normalMac);
            r.put("ip-address", Ipv4.format(address));
            if (hostname != null && !hostname.isBlank()) r.put("hostname", hostname.strip());
        }

        public KeaChange inverse(ObjectNode before) { return new RemoveReservation(subnet, mac); }
    }

    record RemoveReservation(String subnet, String mac) implements KeaChange {
        public RemoveReservation {
            subnet = Subnets.normal(subnet);
        }

        public String describe() { return "Remove the reservation of " + Macs.normal(mac) + " in subnet " + subnet; }

        public void applyTo(ObjectNode config) {
            // a blank MAC would otherwise match the first reservation by client-id
            if (!ReservationSyntax.mac(mac)) throw new ChangeRefused("mac", AddressRules.MAC_FORM);
            ObjectNode s = Subnets.existing(config, subnet);
            ArrayNode reservations = KeaConfigJson.array(s, "reservations");
            String normalMac = Macs.normal(mac);
            for (int i = 0; i < reservations.size(); i++) {
                if (Macs.normal(reservations.get(i).path("hw-address").asText("")).equals(normalMac)) {
                    reservations.remove(i);
                    return;
                }
            }
            throw new ChangeRefused("mac", "Subnet " + subnet + " has no reservation for " + normalMac);
        }

        public KeaChange inverse(ObjectNode before) { return RestoreSubnet.of(before, subnet); }
    }

    /** Sets (or, with null data, removes) an option globally (subnet null) or in one subnet. */
    record SetOption(String subnet, String name, String data) implements KeaChange {
        public SetOption {
            subnet = Subnets.normal(subnet);
        }

        public String describe() {
            String where = subnet == null ? "globally" : "in subnet " + subnet;
            return data == null ? "Remove option " + name + " " + where : "Set option " + name + " = " + data + " " + where;
        }

        public void applyTo(ObjectNode config) {
            if (name == null || name.isBlank()) throw new ChangeRefused("name", "Option name is required");
            ObjectNode parent = subnet == null ? KeaConfigJson.dhcp4(config) : Subnets.existing(config, subnet);
            ArrayNode options = KeaConfigJson.array(parent, "option-data");
            for (int i = 0; i < options.size(); i++) {
                if (options.get(i).path("name").asText().equals(name.strip())) {
                    if (data == null) options.remove(i);
                    else ((ObjectNode) options.get(i)).put("data", data);
                    return;
                }
            }
            if (data == null) throw new ChangeRefused("name", "Option " + name + " is not set " + (subnet == null ? "globally" : "in " + subnet));
            ObjectNode o = options.addObject();
            o.put("name", name.strip());
            o.put("data", data);
        }

        public KeaChange inverse(ObjectNode before) {
            if (subnet != null) return RestoreSubnet.of(before, subnet);
            return new RestoreGlobalOptions(KeaConfigJson.dhcp4(before).get("option-data"));
        }
    }

    /** Puts a subnet back exactly as it was (previous null: removes it). The inverse of subnet-level changes. */
    record RestoreSubnet(String subnet, JsonNode previous) implements KeaChange {
        public RestoreSubnet {
            subnet = Subnets.normal(subnet);
        }

        static RestoreSubnet of(ObjectNode before, String subnet) {
            return new RestoreSubnet(subnet, KeaConfigJson.subnet(before, subnet).<JsonNode>map(ObjectNode::deepCopy).orElse(null));
        }

        public String describe() { return "Restore subnet " + subnet + " as it was"; }

        public void applyTo(ObjectNode config) {
            ArrayNode all = KeaConfigJson.subnets(config);
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).path("subnet").asText().equals(subnet)) {
                    if (previous == null || previous.isNull()) all.remove(i);
                    else all.set(i, previous.deepCopy());
                    return;
                }
            }
            if (previous == null || previous.isNull()) return;
            // back where it was: config-get lists subnets in the order of their ids
            long id = previous.path("id").asLong(Long.MAX_VALUE);
            int at = all.size();
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).path("id").canConvertToExactIntegral() && all.get(i).path("id").asLong() > id) {
                    at = i;
                    break;
                }
            }
            all.insert(at, previous.deepCopy());
        }

        public KeaChange inverse(ObjectNode before) { return RestoreSubnet.of(before, subnet); }
    }

    record RestoreGlobalOptions(JsonNode previous) implements KeaChange {
        public String describe() { return "Restore the global options as they were"; }

        public void applyTo(ObjectNode config) {
            if (previous == null || previous.isNull()) KeaConfigJson.dhcp4(config).remove("option-data");
            else KeaConfigJson.dhcp4(config).set("option-data", previous.deepCopy());
        }

        public KeaChange inverse(ObjectNode before) {
            return new RestoreGlobalOptions(KeaConfigJson.dhcp4(before).get("option-data"));
        }
    }

    /** Lookups shared by the changes. */
    final class Subnets {
        private Subnets() {}

        /** A subnet as the changes name it and write it: without the spaces a form or a command line may add. */
        static String normal(String subnet) {
            return subnet == null ? null : subnet.strip();
        }

        static ObjectNode existing(ObjectNode config, String subnet) {
            if (subnet == null || subnet.isBlank()) throw new ChangeRefused("subnet", "Subnet is required");
            return KeaConfigJson.subnet(config, subnet.strip())
                    .orElseThrow(() -> new ChangeRefused("subnet", "There is no subnet " + subnet));
        }
    }

    final class Pools {
        private Pools() {}

        static Ipv4.Range check(String subnet, Ipv4.Range within, String pool, List<Ipv4.Range> others) {
            Ipv4.Range r = Ipv4.pool(pool);
            if (r == null) {
                throw new ChangeRefused("pool", pool + " is not a pool such as 10.0.0.100 - 10.0.0.200");
            }
            if (within == null || !within.contains(r)) {
                throw new ChangeRefused("pool", "Pool " + pool.strip() + " is not within subnet " + subnet);
            }
            for (Ipv4.Range o : others) {
                if (o != null && o.overlaps(r)) {
                    throw new ChangeRefused("pool", "Pool " + pool.strip() + " overlaps pool " + o + " of " + subnet);
                }
            }
            return r;
        }
    }

    final class Macs {
        private Macs() {}

        static String normal(String mac) {
            return mac == null ? "" : mac.strip().toLowerCase(Locale.ROOT).replace('-', ':');
        }
    }
}
