package tandem.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import tandem.cli.team.PermissionCommand;
import tandem.cli.team.RoleCommand;
import tandem.cli.team.TeamCommand;
import tandem.cli.team.UserCommand;
import tandem.services.Services;
import tandem.store.DataDirectory;
import tandem.store.TeamStoreLocation;

/** {@code tandem [--data DIR] [COMMAND]}: without a command it opens the console. */
@Command(name = "tandem", mixinStandardHelpOptions = true, version = "Tandem 0.1.0",
        description = "DHCP failover console. Without a command, opens the console window.",
        subcommands = {ServerCommand.class, StatusCommand.class, CheckCommand.class, UndoCommand.class, JournalCommand.class, AuditCommand.class,
                FindCommand.class, WatchCommand.class, HaCommand.class, TeamCommand.class, UserCommand.class, RoleCommand.class,
                PermissionCommand.class, CommandLine.HelpCommand.class})
public final class TandemCommand implements Callable<Integer>, AutoCloseable {
    /** Exit codes beside picocli's: 0 fine, 1 refused or failed, 2 not every relationship OK, 64 bad usage. */
    public static final int EXIT_REFUSED = 1;
    public static final int EXIT_NOT_OK = 2;
    public static final int EXIT_USAGE = 64;
    /** sysexits' EX_NOPERM: a team member lacks the permission a change needs; nothing was sent. */
    public static final int EXIT_NO_PERMISSION = 77;

    @Option(names = "--data", paramLabel = "DIR", description = "Data folder (default: $TANDEM_HOME or the platform's data folder)")
    String dataOption;

    @Option(names = "--lock-wait", paramLabel = "SECONDS", description = "How long a change waits while another process "
            + "changes the same relationship or file before it is refused (default: 60)")
    Integer lockWaitSeconds;

    @Option(names = "--store", paramLabel = "postgresql://USER@HOST[:PORT]/DB",
            description = "A team's shared store on PostgreSQL, with your own login (default: the data folder's"
                    + " embedded database). Add ?sslmode=require (or verify-full) for TLS.")
    String storeOption;

    @Option(names = "--store-password-file", paramLabel = "FILE",
            description = "File holding the password of your login to the team store")
    Path storePasswordFile;

    private TeamStoreLocation teamStore;
    private String teamStorePassword;

    private final Consumer<Path> openConsole;
    private final Function<Path, Services> servicesFactory;
    private Services services;
    private final java.util.Map<String, UndoCommand.Undoer> undoers = new java.util.HashMap<>();
    private BufferedReader in;
    private boolean interactive;

    public TandemCommand(Consumer<Path> openConsole, Function<Path, Services> servicesFactory) {
        this.openConsole = openConsole;
        this.servicesFactory = servicesFactory;
    }

    public Path dataDir() { return DataDirectory.resolve(dataOption); }

    /** The team store given with --store, or null for the data folder's own database. */
    public TeamStoreLocation teamStoreLocation() { return teamStore; }

    /** The command being run, e.g. "tandem reservation add": how other consoles name this process. */
    private String commandName = "a tandem command";

    /** Opened on first use so that --help and usage errors never touch the database. */
    /** The services of the data folder, opened on first use. */
    public Services services() {
        if (services == null) {
            services = teamStore == null ? servicesFactory.apply(dataDir())
                    : Services.openTeam(dataDir(), teamStore, teamStorePassword, commandName);
            services.activity().ownedBy(commandName);
            if (lockWaitSeconds != null) services.lockWait(java.time.Duration.ofSeconds(lockWaitSeconds));
        }
        return services;
    }

    /** Where confirmations are read from. */
    public BufferedReader in() { return in; }

    /** True when a person can answer a confirmation (stdin is a terminal). */
    public boolean interactive() { return interactive; }

    /**
     * Asks before a command changes servers: true with --yes, or when the person at the terminal answers y;
     * without a terminal and without --yes it is refused, so a script never hangs on a prompt.
     */
    public boolean confirmed(java.io.PrintWriter out, java.io.PrintWriter err, String question, boolean yes)
            throws java.io.IOException {
        return confirmed(out, err, question, yes, "apply");
    }

    /** @param verb what --yes does without asking, for the refusal without a terminal (e.g. "apply") */
    public boolean confirmed(java.io.PrintWriter out, java.io.PrintWriter err, String question, boolean yes,
                             String verb) throws java.io.IOException {
        if (yes) return true;
        if (!interactive()) {
            err.println("tandem: Not confirmed: the input is not a terminal; pass --yes to " + verb + " without asking");
            return false;
        }
        out.print(question + " [y/N] ");
        out.flush();
        String answer = in().readLine();
        if (answer == null || !(answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"))) {
            err.println("tandem: Not confirmed; nothing was sent");
            return false;
        }
        return true;
    }

    @Override
    public Integer call() {
        if (teamStore != null) {
            TeamStoreLocation where = teamStore;
            String password = teamStorePassword;
            openTeamConsole.accept(() -> Services.openTeam(dataDir(), where, password, "the console"),
                    "the team store " + where);
        } else {
            openConsole.accept(dataDir());
        }
        return 0;
    }

    /** How the console opens on a team store: given how to open its services, and what they are. */
    private java.util.function.BiConsumer<java.util.function.Supplier<Services>, String> openTeamConsole;

    /** Runs the command line and returns the exit code; without a command the console opens (also on --store). */
    public static int run(String[] args, Consumer<Path> openConsole,
                          java.util.function.BiConsumer<java.util.function.Supplier<Services>, String> openTeamConsole,
                          Function<Path, Services> servicesFactory, List<BackendCommands> backends) {
        return run(args, openConsole, openTeamConsole, servicesFactory, backends, new PrintWriter(System.out, true),
                new PrintWriter(System.err, true),
                new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())), System.console() != null);
    }

    /** Runs the command line and returns the exit code. */
    public static int run(String[] args, Consumer<Path> openConsole, Function<Path, Services> servicesFactory,
                          List<BackendCommands> backends) {
        return run(args, openConsole, servicesFactory, backends, new PrintWriter(System.out, true),
                new PrintWriter(System.err, true),
                new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())), System.console() != null);
    }

    /** Without input: every confirmation is refused unless --yes is given. */
    public static int run(String[] args, Consumer<Path> openConsole, Function<Path, Services> servicesFactory,
                          List<BackendCommands> backends, PrintWriter out, PrintWriter err) {
        return run(args, openConsole, servicesFactory, backends, out, err,
                new BufferedReader(java.io.Reader.nullReader()), false);
    }

    /** The root of the command being run, from any subcommand's spec. */
    public static TandemCommand of(CommandSpec spec) {
        return (TandemCommand) spec.root().userObject();
    }

    /** How {@code tandem undo} undoes an entry of this journal kind, or null when no backend can. */
    UndoCommand.Undoer undoer(String kind) {
        return undoers.get(kind);
    }

    /** @param interactive whether {@code in} is a terminal a person answers confirmations on */
    public static int run(String[] args, Consumer<Path> openConsole, Function<Path, Services> servicesFactory,
                          List<BackendCommands> backends, PrintWriter out, PrintWriter err, BufferedReader in,
                          boolean interactive) {
        return run(args, openConsole, (opener, what) -> {
            throw new IllegalStateException("No console here for " + what);
        }, servicesFactory, backends, out, err, in, interactive);
    }

    private static int run(String[] args, Consumer<Path> openConsole,
                           java.util.function.BiConsumer<java.util.function.Supplier<Services>, String> openTeamConsole,
                           Function<Path, Services> servicesFactory, List<BackendCommands> backends, PrintWriter out,
                           PrintWriter err, BufferedReader in, boolean interactive) {
        try (TandemCommand root = new TandemCommand(openConsole, servicesFactory)) {
            root.openTeamConsole = openTeamConsole;
            root.in = in;
            root.interactive = interactive;
            CommandLine cl = new CommandLine(root);
            CommandLine serverAdd = cl.getSubcommands().get("server").getSubcommands().get("add");
            for (BackendCommands b : backends) {
                b.commands().forEach(cl::addSubcommand);
                if (b.serverAdd() != null) serverAdd.addSubcommand(b.serverAdd());
                root.undoers.putAll(b.undoers());
            }
            cl.setOut(out);
            cl.setErr(err);
            cl.setParameterExceptionHandler((e, args2) -> usageError(e));
            cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                if (e instanceof CommandLine.ParameterException pe) return usageError(pe);
                if (e instanceof tandem.core.access.PermissionDenied) {
                    commandLine.getErr().println("tandem: " + e.getMessage());
                    return EXIT_NO_PERMISSION;
                }
                commandLine.getErr().println("tandem: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                return EXIT_REFUSED;
            });
            cl.setExecutionStrategy(parsed -> {
                root.checkOptions(cl);
                List<CommandLine> chain = parsed.asCommandLineList();
                root.commandName = chain.get(chain.size() - 1).getCommandSpec().qualifiedName();
                return new CommandLine.RunLast().execute(parsed);
            });
            return cl.execute(args);
        }
    }

    /** The global options, checked before the data folder is opened. */
    private void checkOptions(CommandLine cl) {
        // a blank --data would otherwise mean the default folder: another inventory than the one meant
        Inputs.of(cl.getCommandSpec()).check("--data", dataOption != null && dataOption.isBlank() ? "names no folder" : null)
                .atLeast("--lock-wait", lockWaitSeconds, 0, "seconds")
                .check("--store-password-file", storePasswordFile != null && storeOption == null
                        ? "is only used with --store" : null);
        if (storeOption != null) {
            try {
                teamStore = TeamStoreLocation.parse(storeOption);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, "--store: " + e.getMessage());
            }
            if (storePasswordFile != null) {
                teamStorePassword = Inputs.firstLine(cl.getCommandSpec(), "--store-password-file", storePasswordFile);
            }
        }
    }

    private static int usageError(CommandLine.ParameterException e) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println("tandem: " + e.getMessage());
        cmd.getErr().println("Try: " + cmd.getCommandSpec().qualifiedName() + " --help");
        return EXIT_USAGE;
    }

    @Override
    public void close() {
        if (services != null) services.close();
    }
}
