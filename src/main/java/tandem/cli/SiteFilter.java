package tandem.cli;

import java.util.Locale;
import tandem.core.ServerRecord;

/** Which servers a {@code --site NAME} filter keeps: the same site name, spaces around and letter case aside. */
final class SiteFilter {
    private SiteFilter() {}

    static boolean at(ServerRecord server, String site) {
        return server.site() != null && server.site().toLowerCase(Locale.ROOT).equals(site.strip().toLowerCase(Locale.ROOT));
    }
}
