package tandem.kea.change;

import java.util.List;
import tandem.core.access.Need;
import tandem.core.access.Permission;

/** The permission bits a Kea change needs, as the seed's access bits name them. */
final class KeaChangeNeeds {
    private KeaChangeNeeds() { }

    static List<Need> of(String relationship, KeaChange change) {
        if (change instanceof KeaChange.AddSubnet || change instanceof KeaChange.RemoveSubnet) {
            return server(relationship, Permission.ADD_SCOPE);
        }
        if (change instanceof KeaChange.EditSubnet c) return scope(relationship, Permission.SCOPE_OPTIONS, c.subnet());
        if (change instanceof KeaChange.AddPool c) return scope(relationship, Permission.EDIT_POOLS, c.subnet());
        if (change instanceof KeaChange.RemovePool c) return scope(relationship, Permission.EDIT_POOLS, c.subnet());
        if (change instanceof KeaChange.AddPdPool c) return scope(relationship, Permission.EDIT_POOLS, c.subnet());
        if (change instanceof KeaChange.RemovePdPool c) return scope(relationship, Permission.EDIT_POOLS, c.subnet());
        if (change instanceof KeaChange.AddReservation c) {
            return scope(relationship, Permission.EDIT_RESERVATIONS, c.subnet());
        }
        // a global reservation (subnet null) is the server's: the bit without a scope
        if (change instanceof KeaChange.RemoveReservation c) {
            return scope(relationship, Permission.EDIT_RESERVATIONS, c.subnet());
        }
        if (change instanceof KeaChange.EditReservation c) {
            return scope(relationship, Permission.EDIT_RESERVATIONS, c.subnet());
        }
        if (change instanceof KeaChange.RestoreGlobalReservations) {
            return server(relationship, Permission.EDIT_RESERVATIONS);
        }
        if (change instanceof KeaChange.SetOption c) {
            return c.subnet() == null ? server(relationship, Permission.ADMINISTER_DHCP_SERVERS)
                    : scope(relationship, Permission.SCOPE_OPTIONS, c.subnet());
        }
        // a shared network's options reach every subnet in it, and the change names no subnet: a server-wide bit
        if (change instanceof KeaChange.SetSharedNetworkOption || change instanceof KeaChange.RestoreSharedNetworkOptions) {
            return server(relationship, Permission.SCOPE_OPTIONS);
        }
        // a reservation is named by its address, not its subnet, and may be global: a server-wide bit
        if (change instanceof KeaChange.SetReservationOption || change instanceof KeaChange.RestoreReservationOptions) {
            return server(relationship, Permission.EDIT_RESERVATIONS);
        }
        // a shared network reaches every subnet in it and names none: the bits subnet removal and edit need, server-wide
        if (change instanceof SharedNetworks.RemoveSharedNetwork) return server(relationship, Permission.ADD_SCOPE);
        if (change instanceof SharedNetworks.EditSharedNetwork) return server(relationship, Permission.SCOPE_OPTIONS);
        if (change instanceof SharedNetworks.RestoreSharedNetwork c) {
            // the network back with its subnets, their pools and reservations; moving subnets is adding or removing them
            List<Need> out = new java.util.ArrayList<>(List.of(new Need(Permission.SCOPE_OPTIONS, relationship, null),
                    new Need(Permission.EDIT_RESERVATIONS, relationship, null),
                    new Need(Permission.EDIT_POOLS, relationship, null)));
            if (!c.subnets().isEmpty() || c.topLevel() != null || c.previous() == null) {
                out.add(0, new Need(Permission.ADD_SCOPE, relationship, null));
            }
            return out;
        }
        if (change instanceof KeaChange.RestoreSubnet c) {
            // an undo that puts a whole subnet back may touch anything inside it
            return List.of(new Need(Permission.SCOPE_OPTIONS, relationship, c.subnet()),
                    new Need(Permission.EDIT_RESERVATIONS, relationship, c.subnet()),
                    new Need(Permission.EDIT_POOLS, relationship, c.subnet()));
        }
        // global options put back, and anything a later version adds: a server-level change
        return server(relationship, Permission.ADMINISTER_DHCP_SERVERS);
    }

    private static List<Need> server(String relationship, Permission bit) {
        return List.of(new Need(bit, relationship, null));
    }

    private static List<Need> scope(String relationship, Permission bit, String subnet) {
        return List.of(new Need(bit, relationship, subnet));
    }
}
