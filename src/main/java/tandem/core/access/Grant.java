package tandem.core.access;

import java.util.Objects;

/**
 * One permission bit given to a login, on every server ({@code server} null), on one server, or on one scope of a
 * server ({@code scope} a subnet such as {@code 10.0.0.0/24}).
 */
public record Grant(Permission bit, String server, String scope) {
    public Grant {
        Objects.requireNonNull(bit, "bit");
        if (scope != null && server == null) throw new IllegalArgumentException("a scope needs its server");
    }

    /** Whether this grant covers the bit on that server and scope (null scope: the server as a whole). */
    boolean covers(Permission wanted, String onServer, String onScope) {
        if (bit != wanted) return false;
        if (server != null && !server.equals(onServer)) return false;
        return scope == null || scope.equals(onScope);
    }

    /** "edit-reservations on 10.0.0.0/24 of dhcp1", "add-scope on dhcp1", "read everywhere". */
    public String describe() {
        if (server == null) return bit.wire() + " everywhere";
        return bit.wire() + " on " + (scope == null ? server : scope + " of " + server);
    }
}
