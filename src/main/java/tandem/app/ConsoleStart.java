package tandem.app;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.port.TeamStoreSettings;
import tandem.services.Services;
import tandem.store.TeamStoreLocation;
import tandem.store.TeamStoreSettingsFile;

/**
 * Which store {@code tandem} without a command (and without {@code --store}, which wins) opens the console on: the
 * data folder's own, or the team database its Preferences name, with the remembered password when there is one.
 * Kept free of JavaFX so it can be checked without a window.
 *
 * @param team               null for the data folder's own store
 * @param rememberedPassword null when the console must ask for it
 * @param problem            why the console must ask (empty when it simply has no password), or null
 */
public record ConsoleStart(Path dataDir, TeamStoreSettings.Connection team, String rememberedPassword,
                           String problem) {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleStart.class);

    /** Reads the data folder's Preferences → Team database; a damaged choice falls back to the folder's store. */
    public static ConsoleStart of(Path dataDir) {
        try {
            TeamStoreSettingsFile settings = TeamStoreSettingsFile.of(dataDir);
            TeamStoreSettings.Saved saved = settings.load();
            if (!saved.team()) return new ConsoleStart(dataDir, null, null, null);
            TeamStoreSettingsFile.location(saved.connection());
            String password = saved.passwordRemembered()
                    ? settings.rememberedPassword(saved.connection()).orElse(null) : null;
            String problem = saved.passwordRemembered() && password == null
                    ? "The remembered password cannot be opened with this desktop's key; type it again" : "";
            return new ConsoleStart(dataDir, saved.connection(), password, problem);
        } catch (RuntimeException e) {
            LOG.warn("The team database in the preferences of {} cannot be used; opening the folder's own store: {}",
                    dataDir, e.getMessage());
            return new ConsoleStart(dataDir, null, null, null);
        }
    }

    public boolean onTeamStore() { return team != null; }

    /** The team store, as {@code --store} names it. */
    public TeamStoreLocation location() { return TeamStoreSettingsFile.location(team); }

    /** Opens the team store with this password (the console's services); a failure says why plainly. */
    public Services openTeam(String password) {
        TeamStoreLocation where = location();
        try {
            return Services.openTeam(dataDir, where, password, "the console");
        } catch (RuntimeException e) {
            String why = TeamStoreSettingsFile.connectionFailure(where, e).orElse(null);
            if (why == null) throw e;
            throw new IllegalStateException(why, e);
        }
    }

    /** Opens the data folder's own store instead. */
    public Services openLocal() {
        return Services.open(dataDir, "the console");
    }

    /** Keeps the password that just opened the team store, sealed, for the next start. */
    public void rememberPassword(String password) {
        TeamStoreSettingsFile.of(dataDir).save(true, team, password, true);
    }
}
