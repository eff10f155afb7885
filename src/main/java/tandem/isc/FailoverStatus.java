package tandem.isc;

/** What a dhcpd says about one of its failover relationships: its own state and what it believes its partner's is. */
public record FailoverStatus(String peer, FailoverState local, FailoverState partner) {
    public boolean normal() { return local == FailoverState.NORMAL && partner == FailoverState.NORMAL; }
}
