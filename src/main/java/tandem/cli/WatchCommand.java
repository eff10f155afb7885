package tandem.cli;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "The console's background service without a window: polls every server, synchronizes"
                + " returning peers, replays the journal to a returning primary and notices outside changes,"
                + " printing each status change, until stopped (Ctrl-C or SIGTERM).")
final class WatchCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @ParentCommand TandemCommand root;
    @Spec CommandSpec spec;

    @Option(names = "--notify-command", paramLabel = "CMD", description = "Run CMD (through the system's shell) for"
            + " each status change, with the change as JSON on its standard input: {\"time\", \"relationship\","
            + " \"from\", \"to\", \"toLabel\", \"reason\"}; also in TANDEM_RELATIONSHIP, TANDEM_FROM, TANDEM_TO")
    String notifyCommand;

    @Option(names = "--notify-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Stop a notify command still running after this long (default: 30)")
    long notifyTimeout;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        tandem.cli.Inputs.of(spec)
                .check("--notify-command", notifyCommand != null && notifyCommand.isBlank() ? "give a command" : null)
                .check("--notify-timeout", notifyTimeout < 1 || notifyTimeout > 3600
                        ? "must be from 1 to 3600 seconds" : null);
        var services = root.services();
        PrintWriter err = spec.commandLine().getErr();
        tandem.services.CommandNotifier notifier = notifyCommand == null ? null
                : new tandem.services.CommandNotifier(notifyCommand, java.time.Duration.ofSeconds(notifyTimeout),
                        problem -> {
                            synchronized (err) {
                                err.println("tandem: " + problem);
                                err.flush();
                            }
                        });
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopped.countDown();
            services.close();
            if (notifier != null) notifier.close();
        }, "tandem-watch-stop"));
        java.util.function.Consumer<tandem.core.StatusEvent> print = e -> {
            synchronized (out) {
                out.printf("%s  %s: %s -> %s  %s%n", TIME.format(e.at().atZone(ZoneId.systemDefault())),
                        e.relationship(), e.from() == null ? "-" : e.from().label(), e.to().label(), e.reason());
                out.flush();
            }
        };
        // in a team only the process that polls notifies, so that each change is announced once
        java.util.function.Consumer<tandem.core.StatusEvent> each = notifier == null ? print : print.andThen(e -> {
            if (services.pollerLease().held()) notifier.accept(e);
        });
        services.poller().addListener((changed, events, at) -> events.forEach(each));
        services.synchronizer().addEventListener(print);
        out.println("Watching " + services.inventory().relationships().size() + " relationship(s) every "
                + services.preferences().pollInterval().toSeconds() + " s; stop with Ctrl-C.");
        out.flush();
        services.startBackground();
        stopped.await();
        return 0;
    }
}
