package tandem.windows;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tandem.core.AddressRules;
import tandem.core.access.Need;
import tandem.core.access.Permission;

/**
 * The permission bits a Windows change needs, as the seed names them. Every failover operation (create, remove,
 * scopes joining or leaving a relationship, its settings, partner-down) is a DHCP administrator's. Replication
 * overwrites the partner's copy of a scope with all it holds (range, options, reservations, exclusions), so it
 * needs every scope bit on each scope it replicates (and add-scope where it creates or deletes the copy);
 * replicating every failover scope of a server needs administer-dhcp-servers.
 */
final class WindowsChangeNeeds {
    private WindowsChangeNeeds() { }

    /** A scope a replication rewrites on its partner. */
    record Replicated(String relationship, String scopeId, String subnetMask, boolean copyCreatedOrDeleted) { }

    static List<Need> of(WindowsOperation op) {
        // "replicate" is judged from its plan (see replication); a table item's edit by its kind; anything else is failover
        if (WindowsConfigEdits.OP.equals(op.op())) return WindowsConfigEdits.needs(op);
        return List.of(Need.administrator(op.relationship()));
    }

    static List<Need> replication(boolean everyScopeOfAServer, String relationship, List<Replicated> scopes) {
        if (everyScopeOfAServer) return List.of(new Need(Permission.ADMINISTER_DHCP_SERVERS, relationship, null));
        Set<Need> out = new LinkedHashSet<>();
        for (Replicated s : scopes) {
            if (s.copyCreatedOrDeleted()) out.add(new Need(Permission.ADD_SCOPE, s.relationship(), null));
            String cidr = cidr(s.scopeId(), s.subnetMask());
            for (Permission bit : List.of(Permission.EDIT_POOLS, Permission.SCOPE_OPTIONS, Permission.EDIT_RESERVATIONS,
                    Permission.EDIT_EXCLUSIONS)) {
                out.add(new Need(bit, s.relationship(), cidr));
            }
        }
        if (out.isEmpty()) out.add(Need.administrator(relationship));
        return new ArrayList<>(out);
    }

    /** "10.1.0.0" with 255.255.255.0 is 10.1.0.0/24, as a grant names the scope; the bare id when the mask is odd. */
    static String cidr(String scopeId, String mask) {
        long m = mask == null ? -1 : AddressRules.ipv4(mask.strip());
        if (m < 0) return scopeId.strip();
        int bits = Long.bitCount(m);
        long expected = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return m == expected ? scopeId.strip() + "/" + bits : scopeId.strip();
    }
}
