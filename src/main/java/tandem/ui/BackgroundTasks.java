package tandem.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs store, network and poller calls away from the FX thread and hands their outcome back on it. View models
 * take one of these so their tests can run everything on the calling thread.
 */
public final class BackgroundTasks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundTasks.class);

    private final Executor worker;
    private final Executor ui;
    private final ExecutorService owned;

    /** @param worker where the work runs; @param ui where its outcome is delivered (the FX thread in the app) */
    public BackgroundTasks(Executor worker, Executor ui) {
        this.worker = worker;
        this.ui = ui;
        this.owned = null;
    }

    private BackgroundTasks(ExecutorService worker) {
        this.worker = worker;
        this.ui = Platform::runLater;
        this.owned = worker;
    }

    /** A few daemon worker threads, results on the FX thread. */
    public static BackgroundTasks forFx() {
        AtomicInteger n = new AtomicInteger();
        return new BackgroundTasks(Executors.newFixedThreadPool(3, r -> {
            Thread t = new Thread(r, "tandem-ui-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }));
    }

    /** Everything on the calling thread; for view model tests. */
    public static BackgroundTasks direct() {
        return new BackgroundTasks(Runnable::run, Runnable::run);
    }

    /**
     * Runs {@code work} in the background, then {@code onSuccess} or {@code onFailure} on the UI thread. The
     * returned future completes after the callback ran.
     */
    public <V> CompletableFuture<V> run(Callable<V> work, Consumer<? super V> onSuccess, Consumer<Throwable> onFailure) {
        CompletableFuture<V> done = new CompletableFuture<>();
        worker.execute(() -> {
            V value;
            try {
                value = work.call();
            } catch (Throwable e) {
                // checked exceptions are outcomes the caller expects (e.g. a bad input); the rest are bugs
                if (e instanceof Exception && !(e instanceof RuntimeException)) LOG.debug("Background work ended: {}", e.toString());
                else LOG.warn("Background work failed", e);
                ui.execute(() -> {
                    try {
                        onFailure.accept(e);
                    } finally {
                        done.completeExceptionally(e);
                    }
                });
                return;
            }
            ui.execute(() -> {
                try {
                    onSuccess.accept(value);
                    done.complete(value);
                } catch (Throwable e) {
                    LOG.error("Handling the result of background work failed", e);
                    done.completeExceptionally(e);
                }
            });
        });
        return done;
    }

    /** Runs {@code work} in the background; its future completes there, with no step on the UI thread. */
    public <V> CompletableFuture<V> supply(Callable<V> work) {
        CompletableFuture<V> done = new CompletableFuture<>();
        worker.execute(() -> {
            try {
                done.complete(work.call());
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** Runs {@code work} in the background; failures go to {@code onFailure} on the UI thread. */
    public CompletableFuture<Void> execute(ThrowingRunnable work, Runnable onSuccess, Consumer<Throwable> onFailure) {
        return run(() -> {
            work.run();
            return null;
        }, v -> onSuccess.run(), onFailure);
    }

    /** Hands {@code action} to the UI thread (used by listeners called on other threads). */
    public void onUi(Runnable action) { ui.execute(action); }

    @Override
    public void close() {
        if (owned == null) return;
        owned.shutdownNow();
        try {
            owned.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
