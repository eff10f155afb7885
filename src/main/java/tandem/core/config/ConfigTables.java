package tandem.core.config;

import java.time.Instant;
import java.util.List;

/**
 * What a relationship serves, read from one of its servers: the rows of the console's configuration tables.
 *
 * @param readFrom the peer (server) whose configuration this is
 */
public record ConfigTables(String relationship, String readFrom, Instant readAt, List<ConfigRow.Subnet> subnets,
                           List<ConfigRow.Pool> pools, List<ConfigRow.Reservation> reservations,
                           List<ConfigRow.Option> options, List<ConfigRow.SharedNetwork> sharedNetworks,
                           List<ConfigRow.ClientClass> classes) {
    public ConfigTables {
        subnets = List.copyOf(subnets);
        pools = List.copyOf(pools);
        reservations = List.copyOf(reservations);
        options = List.copyOf(options);
        sharedNetworks = List.copyOf(sharedNetworks);
        classes = List.copyOf(classes);
    }
}
