package tandem.cli;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
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

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        var services = root.services();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopped.countDown();
            services.close();
        }, "tandem-watch-stop"));
        java.util.function.Consumer<tandem.core.StatusEvent> print = e -> {
            synchronized (out) {
                out.printf("%s  %s: %s -> %s  %s%n", TIME.format(e.at().atZone(ZoneId.systemDefault())),
                        e.relationship(), e.from() == null ? "-" : e.from().label(), e.to().label(), e.reason());
                out.flush();
            }
        };
        services.poller().addListener((changed, events, at) -> events.forEach(print));
        services.synchronizer().addEventListener(print);
        out.println("Watching " + services.inventory().relationships().size() + " relationship(s) every "
                + services.preferences().pollInterval().toSeconds() + " s; stop with Ctrl-C.");
        out.flush();
        services.startBackground();
        stopped.await();
        return 0;
    }
}
