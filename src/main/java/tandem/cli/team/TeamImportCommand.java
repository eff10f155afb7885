package tandem.cli.team;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tandem.cli.TandemCommand;
import tandem.services.Services;
import tandem.services.TeamImports;
import tandem.store.TeamImport;

/** {@code tandem team import --from DIR}: moves a local data folder into the team store. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Copies everything a local data folder holds (servers with their passwords, relationships, states,"
                + " status history, configuration snapshots, preferences, journal and audit trail) into the team store"
                + " given with --store, in one transaction. The folder is only read. DHCP administrators only.")
final class TeamImportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "The local data folder to import")
    Path from;

    @Option(names = "--dry-run", description = "Print what would be copied, and any clash, without writing")
    boolean dryRun;

    @Override public Integer call() {
        Path folder = from.toAbsolutePath().normalize();
        if (!TeamImport.hasDatabase(folder)) {
            throw new ParameterException(spec.commandLine(), "--from: " + folder + " holds no Tandem database ("
                    + "tandem.mv.db); give the data folder of the desktop to import");
        }
        Services services = TeamAccess.teamServices(spec);
        services.teamAdministration().requireAdministrator();
        if (folder.equals(services.dataDir().toAbsolutePath().normalize())) {
            // allowed: the folder's key is this desktop's key; only its database moves
            spec.commandLine().getErr().println("Note: importing this desktop's own data folder (--data)");
        }
        TeamImport.Outcome o = TeamImports.importFolder(folder, services, dryRun);
        PrintWriter out = spec.commandLine().getOut();
        String store = TandemCommand.of(spec).teamStoreLocation().toString();
        if (!o.clashes().isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("tandem: Nothing " + (dryRun ? "would be" : "was") + " imported: the team store " + store
                    + " already has");
            for (String c : o.clashes()) err.println("  " + c);
            err.println("Remove them from one side (tandem server remove NAME), then import again.");
            return TandemCommand.EXIT_REFUSED;
        }
        out.println((o.written() ? "Imported " : "Would import (dry run, nothing written) ") + folder + " into " + store + ":");
        for (Map.Entry<String, Integer> e : o.rows().entrySet()) out.printf("  %-20s %6d%n", e.getKey(), e.getValue());
        if (o.shifted().isEmpty()) {
            out.println("Change, audit, event and snapshot numbers are kept.");
        } else {
            o.shifted().forEach((table, by) -> out.println("Numbers of " + table + " moved up by " + by
                    + " (the team store already used them); links between them are kept."));
        }
        for (String note : o.notes()) out.println("Note: " + note);
        if (!o.written()) return 0;
        out.println("Next steps:");
        out.println("  - Stop the consoles and tandem watch that use " + folder + "; from now on start them with --store "
                + store + " (and this --data folder, whose key opens the imported passwords).");
        out.println("  - The imported passwords open only on this desktop (each desktop seals secrets with its own key);"
                + " colleagues reach those servers without them.");
        out.println("  - Check the result: tandem --store " + store + " server list, and tandem --store " + store
                + " team status.");
        return 0;
    }
}
