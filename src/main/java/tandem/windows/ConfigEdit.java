package tandem.windows;

import java.util.List;

/**
 * A change to one item of a Windows server's configuration tables, as the administrator asks for it: what the item
 * should become. What it is now is read from the servers when the change is planned.
 */
public sealed interface ConfigEdit {
    /** The scope the item belongs to; null for a server-level option value. */
    String scopeId();

    /**
     * A reservation of {@code scopeId} at {@code ip}, given a new address (null keeps it), name and description. A new
     * address is the reservation removed and added again (Windows keys a reservation by its address), with its client
     * id, type and option values.
     */
    record Reservation(String scopeId, String ip, String newIp, String name, String description) implements ConfigEdit {}

    /** The reservation at {@code ip} removed, with the option values set on it. */
    record RemoveReservation(String scopeId, String ip) implements ConfigEdit {}

    /**
     * Option {@code optionId} at server level (scope and reserved address null), on a scope, or on a reservation of
     * the scope ({@code reservedIp}); {@code values} null removes it.
     */
    record Option(String scopeId, String reservedIp, int optionId, List<String> values) implements ConfigEdit {
        public Option {
            values = values == null ? null : List.copyOf(values);
        }

        public String level() {
            return reservedIp != null ? "reservation " + reservedIp : scopeId != null ? "scope " + scopeId : "server";
        }
    }

    /** A scope's name, description, lease duration and state ("Active" or "InActive"). */
    record Scope(String scopeId, String name, String description, long leaseDurationSec, String state) implements ConfigEdit {}

    /**
     * The superscope {@code name} removed (Remove-DhcpServerv4Superscope without -ScopeId): its scopes stay as they
     * are, in no superscope.
     */
    record RemoveSuperscope(String name) implements ConfigEdit {
        @Override public String scopeId() { return null; }
    }

    /** The superscope {@code name} renamed to {@code newName} (Rename-DhcpServerv4Superscope), its scopes kept. */
    record Superscope(String name, String newName) implements ConfigEdit {
        @Override public String scopeId() { return null; }
    }
}
