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
 * One change to a Kea DHCPv4 or DHCPv6 configuration (the document says which: subnet4 or subnet6, and the address
 * family every value must have), kept as an operation rather than a finished configuration so it can be
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
        @JsonSubTypes.Type(value = KeaChange.EditReservation.class, name = "reservation-edit"),
        @JsonSubTypes.Type(value = KeaChange.RestoreGlobalReservations.class, name = "reservations-restore"),
        @JsonSubTypes.Type(value = KeaChange.SetOption.class, name = "option-set"),
        @JsonSubTypes.Type(value = KeaChange.RestoreSubnet.class, name = "subnet-restore"),
        @JsonSubTypes.Type(value = KeaChange.AddPdPool.class, name = "pd-pool-add"),
        @JsonSubTypes.Type(value = KeaChange.RemovePdPool.class, name = "pd-pool-remove"),
        @JsonSubTypes.Type(value = KeaChange.SetSharedNetworkOption.class, name = "shared-network-option-set"),
        @JsonSubTypes.Type(value = KeaChange.RestoreSharedNetworkOptions.class, name = "shared-network-options-restore"),
        @JsonSubTypes.Type(value = KeaChange.SetReservationOption.class, name = "reservation-option-set"),
        @JsonSubTypes.Type(value = KeaChange.RestoreReservationOptions.class, name = "reservation-options-restore"),
        @JsonSubTypes.Type(value = KeaChange.RestoreGlobalOptions.class, name = "options-restore"),
        @JsonSubTypes.Type(value = SharedNetworks.RemoveSharedNetwork.class, name = "shared-network-remove"),
        @JsonSubTypes.Type(value = SharedNetworks.RestoreSharedNetwork.class, name = "shared-network-restore"),
        @JsonSubTypes.Type(value = SharedNetworks.EditSharedNetwork.class, name = "shared-network-edit")})
// the shared networks' own changes live in SharedNetworks, so every kind is listed here
public sealed interface KeaChange permits KeaChange.AddSubnet, KeaChange.EditSubnet, KeaChange.RemoveSubnet,
        KeaChange.AddPool, KeaChange.RemovePool, KeaChange.AddReservation, KeaChange.RemoveReservation,
        KeaChange.EditReservation, KeaChange.RestoreGlobalReservations, KeaChange.SetOption,
        KeaChange.SetSharedNetworkOption, KeaChange.RestoreSharedNetworkOptions, KeaChange.SetReservationOption,
        KeaChange.RestoreReservationOptions, KeaChange.AddPdPool, KeaChange.RemovePdPool, KeaChange.RestoreSubnet,
        KeaChange.RestoreGlobalOptions, SharedNetworks.RemoveSharedNetwork, SharedNetworks.EditSharedNetwork,
        SharedNetworks.RestoreSharedNetwork {
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
            boolean v6 = KeaConfigJson.isV6(config);
            Spans.Span range = Spans.prefix(v6, subnet);
            if (range == null) throw new ChangeRefused("subnet", Spans.networkProblem(v6, subnet));
            if (Ipv4.subnetIdProblem(id) != null) throw new ChangeRefused("id", Ipv4.subnetIdProblem(id));
            long maxId = 0;
            // ids and prefixes are unique across the shared networks' subnets too
            for (JsonNode s : KeaConfigJson.allSubnets(config)) {
                Spans.Span other = Spans.prefix(v6, s.path("subnet").asText());
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
            s.put("subnet", v6 ? Ipv6.prefix(subnet).toString() : subnet);
            ArrayNode poolArray = s.putArray("pools");
            List<Spans.Span> added = new ArrayList<>();
            for (String p : pools) {
                Spans.Span r = Pools.check(v6, subnet, range, p, added);
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

        /** The subnet parameters an edit may set or remove. */
        public static Set<String> editable() { return EDITABLE; }

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
            KeaConfigJson.SubnetHome home = KeaConfigJson.home(config, subnet).orElseThrow();
            home.list().remove(home.index());
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
            boolean v6 = KeaConfigJson.isV6(config);
            List<Spans.Span> existing = new ArrayList<>();
            for (JsonNode p : s.path("pools")) existing.add(Spans.pool(v6, p.path("pool").asText()));
            Pools.check(v6, subnet, Spans.prefix(v6, subnet), pool, existing);
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
            boolean v6 = KeaConfigJson.isV6(config);
            Spans.Span wanted = Spans.pool(v6, pool);
            ArrayNode pools = KeaConfigJson.array(s, "pools");
            for (int i = 0; i < pools.size(); i++) {
                Spans.Span p = Spans.pool(v6, pools.get(i).path("pool").asText());
                if (wanted != null && p != null && wanted.first().equals(p.first()) && wanted.last().equals(p.last())) {
                    pools.remove(i);
                    return;
                }
            }
            throw new ChangeRefused("pool", "Subnet " + subnet + " has no pool " + pool);
        }

        public KeaChange inverse(ObjectNode before) { return RestoreSubnet.of(before, subnet); }
    }

    /**
     * A host reservation: for {@code mac} (hw-address) or, in DHCPv6, for {@code duid}; the address {@code ip} and, in
     * DHCPv6, optionally a delegated {@code prefix}.
     */
    record AddReservation(String subnet, String mac, String ip, String hostname, String duid, String prefix)
            implements KeaChange {
        public AddReservation {
            subnet = Subnets.normal(subnet);
            duid = duid == null || duid.isBlank() ? null : duid;
            prefix = prefix == null || prefix.isBlank() ? null : prefix;
        }

        public AddReservation(String subnet, String mac, String ip, String hostname) {
            this(subnet, mac, ip, hostname, null, null);
        }

        public String describe() {
            return "Reserve " + (ip == null || ip.isBlank() ? "" : ip) + (prefix == null ? "" : (ip == null || ip.isBlank() ? "" : " and ") + prefix)
                    + " for " + Reservations6.identifierShown(mac, duid)
                    + (hostname == null ? "" : " (" + hostname + ")") + " in subnet " + subnet;
        }

        public void applyTo(ObjectNode config) {
            if (KeaConfigJson.isV6(config)) {
                Reservations6.add(config, this);
                return;
            }
            if (duid != null || prefix != null) {
                throw new ChangeRefused(duid != null ? "duid" : "prefix", (duid != null ? "A DUID" : "A delegated prefix")
                        + " is for DHCPv6 reservations; this is a DHCPv4 relationship");
            }
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

        public KeaChange inverse(ObjectNode before) { return new RemoveReservation(subnet, mac, duid); }
    }

    /**
     * Removes the reservation of {@code mac} or, in DHCPv6, of {@code duid}; or of another Kea host identifier:
     * {@code identifierType} circuit-id, client-id or flex-id and its {@code identifier}. A null subnet names a
     * global reservation (top-level {@code reservations}).
     */
    record RemoveReservation(String subnet, String mac, String duid, String identifierType, String identifier)
            implements KeaChange {
        public RemoveReservation {
            subnet = Subnets.normal(subnet);
            duid = duid == null || duid.isBlank() ? null : duid;
            identifierType = identifierType == null || identifierType.isBlank() ? null
                    : identifierType.strip().toLowerCase(Locale.ROOT);
            identifier = identifier == null || identifier.isBlank() ? null : identifier.strip();
            // a MAC or a DUID keeps its own component, as the journal has always written it
            if ("hw-address".equals(identifierType) && mac == null && duid == null) {
                mac = identifier;
                identifierType = null;
                identifier = null;
            } else if ("duid".equals(identifierType) && mac == null && duid == null) {
                duid = identifier;
                identifierType = null;
                identifier = null;
            }
        }

        public RemoveReservation(String subnet, String mac, String duid) {
            this(subnet, mac, duid, null, null);
        }

        public RemoveReservation(String subnet, String mac) {
            this(subnet, mac, null);
        }

        /** The removal of the reservation of any Kea host identifier type; subnet null: a global reservation. */
        public static RemoveReservation of(String subnet, String identifierType, String identifier) {
            return new RemoveReservation(subnet, null, null, identifierType, identifier);
        }

        public String describe() {
            String[] id = HostReservations.identifierOf(this);
            return "Remove the reservation of " + (identifierType == null ? Reservations6.identifierShown(mac, duid)
                    : HostReservations.shown(id[0], id[1])) + HostReservations.where(subnet);
        }

        public void applyTo(ObjectNode config) {
            // Kea's DHCPv4 hosts may be known by a DUID too (RFC 4361 client identifiers)
            if (subnet == null || identifierType != null || (duid != null && !KeaConfigJson.isV6(config))) {
                HostReservations.remove(config, this);
                return;
            }
            if (KeaConfigJson.isV6(config)) {
                Reservations6.remove(config, this);
                return;
            }
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

        public KeaChange inverse(ObjectNode before) {
            return subnet == null ? RestoreGlobalReservations.of(before) : RestoreSubnet.of(before, subnet);
        }
    }

    /**
     * Gives one client's reservation new addresses, delegated prefixes (DHCPv6) and host name, in one change: the
     * reservation keeps its identifier (any Kea host identifier type) and whatever else it holds (options, classes).
     * A null subnet names a global reservation. Empty lists and a null host name remove those keys.
     *
     * @param addresses DHCPv4: at most one ({@code ip-address}); DHCPv6: its {@code ip-addresses}
     * @param prefixes  DHCPv6 only: its delegated {@code prefixes}
     */
    record EditReservation(String subnet, String identifierType, String identifier, List<String> addresses,
                           List<String> prefixes, String hostname) implements KeaChange {
        public EditReservation {
            subnet = Subnets.normal(subnet);
            identifierType = identifierType == null ? null : identifierType.strip().toLowerCase(Locale.ROOT);
            identifier = identifier == null ? null : identifier.strip();
            addresses = addresses == null ? List.of() : addresses.stream().filter(a -> a != null && !a.isBlank()).map(String::strip).toList();
            prefixes = prefixes == null ? List.of() : prefixes.stream().filter(p -> p != null && !p.isBlank()).map(String::strip).toList();
            hostname = hostname == null || hostname.isBlank() ? null : hostname.strip();
        }

        public String describe() {
            List<String> all = new ArrayList<>(addresses);
            all.addAll(prefixes);
            return "Edit the reservation of " + HostReservations.shown(identifierType, identifier)
                    + HostReservations.where(subnet) + ": " + (all.isEmpty() ? "no address" : String.join(", ", all))
                    + (hostname == null ? ", no host name" : " (" + hostname + ")");
        }

        public void applyTo(ObjectNode config) { HostReservations.edit(config, this); }

        /** The edit back to the values it had: undoing it leaves the rest of the subnet as it is by then. */
        public KeaChange inverse(ObjectNode before) { return HostReservations.editBack(before, this); }
    }

    /** Puts the global reservations back exactly as they were (previous null: none). */
    record RestoreGlobalReservations(JsonNode previous) implements KeaChange {
        static RestoreGlobalReservations of(ObjectNode before) {
            JsonNode r = KeaConfigJson.root(before).get("reservations");
            return new RestoreGlobalReservations(r == null ? null : r.deepCopy());
        }

        public String describe() { return "Restore the global reservations as they were"; }

        public void applyTo(ObjectNode config) {
            if (previous == null || previous.isNull()) KeaConfigJson.root(config).remove("reservations");
            else KeaConfigJson.root(config).set("reservations", previous.deepCopy());
        }

        public KeaChange inverse(ObjectNode before) { return of(before); }
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

    /** Sets (or, with null data, removes) an option of a shared network: every subnet in it inherits it. */
    record SetSharedNetworkOption(String network, String name, String data) implements KeaChange {
        public String describe() {
            return data == null ? "Remove option " + name + " in shared network " + network
                    : "Set option " + name + " = " + data + " in shared network " + network;
        }

        public void applyTo(ObjectNode config) {
            ScopedOptions.set(ScopedOptions.sharedNetwork(config, network), name, data, "in shared network " + network);
        }

        public KeaChange inverse(ObjectNode before) { return RestoreSharedNetworkOptions.of(before, network); }
    }

    /** Puts a shared network's options back exactly as they were, order included (previous null: none). */
    record RestoreSharedNetworkOptions(String network, JsonNode previous) implements KeaChange {
        static RestoreSharedNetworkOptions of(ObjectNode before, String network) {
            return new RestoreSharedNetworkOptions(network, ScopedOptions.copy(ScopedOptions.sharedNetwork(before, network).get("option-data")));
        }

        public String describe() { return "Restore the options of shared network " + network + " as they were"; }

        public void applyTo(ObjectNode config) { ScopedOptions.restore(ScopedOptions.sharedNetwork(config, network), previous); }

        public KeaChange inverse(ObjectNode before) { return of(before, network); }
    }

    /**
     * Sets (or, with null data, removes) an option of one host reservation, global or in a subnet: {@code
     * reservation} is its address, delegated prefix or identifier, as the tables show it.
     */
    record SetReservationOption(String reservation, String name, String data) implements KeaChange {
        public String describe() {
            return data == null ? "Remove option " + name + " of the reservation " + reservation
                    : "Set option " + name + " = " + data + " for the reservation " + reservation;
        }

        public void applyTo(ObjectNode config) {
            ScopedOptions.set(ScopedOptions.reservation(config, reservation), name, data, "for reservation " + reservation);
        }

        public KeaChange inverse(ObjectNode before) { return RestoreReservationOptions.of(before, reservation); }
    }

    /** Puts a reservation's options back exactly as they were (previous null: none). */
    record RestoreReservationOptions(String reservation, JsonNode previous) implements KeaChange {
        static RestoreReservationOptions of(ObjectNode before, String reservation) {
            return new RestoreReservationOptions(reservation, ScopedOptions.copy(ScopedOptions.reservation(before, reservation).get("option-data")));
        }

        public String describe() { return "Restore the options of the reservation " + reservation + " as they were"; }

        public void applyTo(ObjectNode config) { ScopedOptions.restore(ScopedOptions.reservation(config, reservation), previous); }

        public KeaChange inverse(ObjectNode before) { return of(before, reservation); }
    }

    /** Adds a DHCPv6 prefix-delegation pool: prefixes of {@code delegatedLength} bits carved from {@code prefix}. */
    record AddPdPool(String subnet, String prefix, Integer delegatedLength) implements KeaChange {
        public AddPdPool {
            subnet = Subnets.normal(subnet);
        }

        public String describe() {
            return "Add prefix-delegation pool " + prefix + " (delegating /" + delegatedLength + ") to subnet " + subnet;
        }

        public void applyTo(ObjectNode config) { PdPools.add(config, this); }

        public KeaChange inverse(ObjectNode before) { return new RemovePdPool(subnet, prefix); }
    }

    record RemovePdPool(String subnet, String prefix) implements KeaChange {
        public RemovePdPool {
            subnet = Subnets.normal(subnet);
        }

        public String describe() { return "Remove prefix-delegation pool " + prefix + " from subnet " + subnet; }

        public void applyTo(ObjectNode config) { PdPools.remove(config, this); }

        public KeaChange inverse(ObjectNode before) { return RestoreSubnet.of(before, subnet); }
    }

    /**
     * Puts a subnet back exactly as it was (previous null: removes it), in the shared network it was in
     * ({@code sharedNetwork}, null: at the top level). The inverse of subnet-level changes.
     */
    record RestoreSubnet(String subnet, JsonNode previous, String sharedNetwork) implements KeaChange {
        public RestoreSubnet {
            subnet = Subnets.normal(subnet);
        }

        public RestoreSubnet(String subnet, JsonNode previous) {
            this(subnet, previous, null);
        }

        static RestoreSubnet of(ObjectNode before, String subnet) {
            var home = KeaConfigJson.home(before, subnet);
            return new RestoreSubnet(subnet, home.<JsonNode>map(h -> h.subnet().deepCopy()).orElse(null),
                    home.map(KeaConfigJson.SubnetHome::sharedNetwork).orElse(null));
        }

        public String describe() {
            return "Restore subnet " + subnet + " as it was" + (sharedNetwork == null ? "" : " in shared network " + sharedNetwork);
        }

        public void applyTo(ObjectNode config) {
            var found = KeaConfigJson.home(config, subnet);
            if (found.isPresent()) {
                if (previous == null || previous.isNull()) found.get().list().remove(found.get().index());
                else found.get().list().set(found.get().index(), previous.deepCopy());
                return;
            }
            if (previous == null || previous.isNull()) return;
            ArrayNode all = sharedNetwork == null ? KeaConfigJson.subnets(config)
                    : KeaConfigJson.array(KeaConfigJson.sharedNetwork(config, sharedNetwork).orElseThrow(() ->
                            new ChangeRefused("subnet", "Subnet " + subnet + " was in the shared network " + sharedNetwork
                                    + ", which is gone")), tandem.kea.KeaService.subnets(KeaConfigJson.service(config)));
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
            // at the top level or inside a shared network: a change is made where the subnet is
            return KeaConfigJson.subnet(config, subnet.strip()).orElseThrow(() -> new ChangeRefused("subnet",
                    "There is no subnet " + subnet));
        }
    }

    final class Pools {
        private Pools() {}

        static Spans.Span check(boolean v6, String subnet, Spans.Span within, String pool, List<Spans.Span> others) {
            Spans.Span r = Spans.pool(v6, pool);
            if (r == null) {
                throw new ChangeRefused("pool", pool + " is not a pool such as " + Spans.poolExample(v6));
            }
            if (within == null || !within.contains(r)) {
                throw new ChangeRefused("pool", "Pool " + pool.strip() + " is not within subnet " + subnet);
            }
            for (Spans.Span o : others) {
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
