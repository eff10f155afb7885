package tandem.windows;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How much of a scope is used, through {@link WindowsProjections#SCOPE_STATISTICS}: Get-DhcpServerv4ScopeStatistics'
 * AddressesFree, AddressesInUse and ReservedAddress. Null where the server reports none.
 */
public record WinScopeStatistics(String scopeId, Long free, Long inUse, Long reserved) {
    public static WinScopeStatistics from(JsonNode row) {
        return read(new ProjectionReader(row));
    }

    static WinScopeStatistics read(ProjectionReader r) {
        return new WinScopeStatistics(r.required("scopeId"), r.whole("free"), r.whole("inUse"), r.whole("reserved"));
    }

    /** The addresses the scope hands out: free and in use together; null when either is unknown. */
    public Long addresses() { return free == null || inUse == null ? null : free + inUse; }
}
