package tandem.services;

import java.nio.file.Path;
import tandem.isc.IscChangeService;
import tandem.isc.IscJournal;
import tandem.store.Database;
import tandem.store.SecretCipher;
import tandem.store.TeamImport;

/** Moves a local data folder into the team store a {@link Services} is open on (see {@link TeamImport}). */
public final class TeamImports {
    private TeamImports() { }

    /**
     * Opens the folder's database as every command does (a folder an earlier version wrote gets its schema brought
     * up to date first), reads it, and writes its rows to the team store with their secrets sealed with the
     * team's key, so that every member opens them.
     *
     * @throws IllegalArgumentException when {@code team} is not on a team store or the folder has no database
     */
    public static TeamImport.Outcome importFolder(Path folder, Services team, boolean dryRun) {
        if (!team.isTeamStore()) throw new IllegalArgumentException("Not a team store");
        if (!TeamImport.hasDatabase(folder)) throw new IllegalArgumentException(folder + " holds no Tandem database");
        SecretCipher fromKey = SecretCipher.forDataFolder(folder);
        SecretCipher teamKey = team.secretCipher();
        IscJournal.Sealer from = Services.sealer(fromKey), to = Services.sealer(teamKey);
        TeamImport.JournalSecrets journal = (kind, json) ->
                IscChangeService.KIND.equals(kind) ? IscJournal.reseal(json, from, to) : json;
        try (Database source = Database.open(folder)) {
            return TeamImport.run(source, fromKey, team.database(), teamKey, journal, dryRun);
        }
    }
}
