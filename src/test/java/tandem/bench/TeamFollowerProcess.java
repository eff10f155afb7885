package tandem.bench;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import tandem.services.Services;
import tandem.store.TeamStoreLocation;

/**
 * One console-like process of {@link TeamStoreBenchmark}: opens the team store, follows its poller, and prints
 * {@code SEEN <relationship> <status> <epoch-micros>} each time a relationship's status changes as it sees it.
 * Arguments: data folder, store location; the password comes on standard input.
 */
public final class TeamFollowerProcess {
    private TeamFollowerProcess() { }

    public static void main(String[] args) throws Exception {
        String password = new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
        try (Services s = Services.openTeam(Path.of(args[0]), TeamStoreLocation.parse(args[1]), password, "the console")) {
            java.util.Map<String, String> shown = new java.util.concurrent.ConcurrentHashMap<>();
            s.poller().addListener((changed, events, at) -> {
                for (var st : changed) {
                    String was = shown.put(st.relationship().name(), st.status().name());
                    if (was != null && !was.equals(st.status().name())) {
                        java.time.Instant now = java.time.Instant.now();
                        System.out.println("SEEN " + st.relationship().name() + " " + st.status().name() + " "
                                + (now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000));
                        System.out.flush();
                    }
                }
            });
            s.startBackground();
            System.out.println("READY " + s.inventory().relationships().size());
            System.out.flush();
            new CountDownLatch(1).await();
        }
    }
}
