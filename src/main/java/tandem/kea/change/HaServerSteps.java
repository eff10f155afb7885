package tandem.kea.change;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.ConnectionSettings;
import tandem.core.Relationship;
import tandem.core.change.ChangeJob;
import tandem.core.port.ReplicationStore.TargetOutcome;
import tandem.kea.KeaEndpoint;
import tandem.kea.KeaStates;
import tandem.kea.change.KeaConfigChannel.ConfigCommandFailed;

/**
 * The server side of creating or dissolving a relationship: every server tested, then set and written one at a time;
 * when one fails, every server already set gets its previous configuration back, so it is all or nothing.
 */
final class HaServerSteps {
    private static final Logger LOG = LoggerFactory.getLogger(HaServerSteps.class);
    /** How long new partners may take to reach their normal HA state (syncing leases included). */
    static final Duration NORMAL_STATE_LIMIT = Duration.ofSeconds(90);

    /** One server: reached through {@code rel}'s peer {@code peer}, from {@code before} to {@code after}. */
    record Target(String label, Relationship rel, String peer, ObjectNode before, ObjectNode after) {}

    private final KeaServerWriter writer;

    HaServerSteps(KeaServerWriter writer) {
        this.writer = writer;
    }

    static KeaEndpoint endpoint(ConnectionSettings c) {
        return new KeaEndpoint(c.url(), c.proxy(), c.username(), c.password(), c.trustAnchorPem(), Duration.ofSeconds(10));
    }

    Map<String, String> applyAll(ChangeJob.Context ctx, List<Target> targets) {
        for (Target t : targets) {
            ObjectNode now;
            try {
                now = writer.readNow(t.rel(), t.peer());
            } catch (ConfigCommandFailed e) {
                throw new ChangeRefused(null, e.getMessage() + ". Nothing was changed.");
            }
            if (!now.equals(t.before())) {
                throw new ChangeRefused(null, "The configuration of " + t.label() + " changed since the preview. "
                        + "Nothing was changed; preview it again.");
            }
        }
        // tested everywhere before set anywhere: what one server rejects is applied nowhere
        for (Target t : targets) {
            try {
                writer.test(t.rel(), t.peer(), t.after());
            } catch (ConfigCommandFailed e) {
                throw new ChangeRefused(null, e.getMessage() + ". Nothing was changed.");
            }
        }
        Map<String, String> outcomes = new LinkedHashMap<>();
        List<Target> done = new ArrayList<>();
        ctx.appliedTo(targets.get(0).label());
        for (Target t : targets) {
            try {
                writer.set(t.rel(), t.peer(), t.after());
                done.add(t);
                writer.write(t.rel(), t.peer(), t.before());
            } catch (ConfigCommandFailed | ChangeRefused e) {
                ctx.target(t.label(), TargetOutcome.FAILED, e.getMessage());
                String restored = restore(ctx, done, t);
                throw new ChangeRefused(null, e.getMessage() + hint(e) + ". " + restored);
            }
            ctx.target(t.label(), TargetOutcome.APPLIED, "set and written to its configuration file");
            outcomes.put(t.label(), "set and written");
        }
        return outcomes;
    }

    /** Kea 2.2's config-test does not open the HA password files; config-set then fails loading the hook. */
    private static String hint(RuntimeException e) {
        return e.getMessage() != null && e.getMessage().contains("hook libraries failed to load")
                ? " (does every password file named in the preview exist on its server?)" : "";
    }

    /** Puts each server already set (and {@code failed}, which may have taken it) back as it was, newest first. */
    private String restore(ChangeJob.Context ctx, List<Target> done, Target failed) {
        List<Target> back = new ArrayList<>(done);
        if (!back.contains(failed)) back.add(failed);
        List<String> restored = new ArrayList<>();
        List<String> notRestored = new ArrayList<>();
        for (int i = back.size() - 1; i >= 0; i--) {
            Target t = back.get(i);
            try {
                ObjectNode now = writer.readNow(t.rel(), t.peer());
                if (now.equals(t.before())) continue;
                writer.set(t.rel(), t.peer(), t.before());
                writer.write(t.rel(), t.peer(), t.before());
                ctx.target(t.label(), TargetOutcome.FAILED, "put back as it was");
                restored.add(t.label());
            } catch (ConfigCommandFailed | ChangeRefused e) {
                ctx.target(t.label(), TargetOutcome.UNKNOWN, "could not be put back: " + e.getMessage());
                notRestored.add(t.label() + " (" + e.getMessage() + ")");
            }
        }
        if (!notRestored.isEmpty()) {
            return "Could not put back " + String.join(", ", notRestored) + ": check them";
        }
        return restored.isEmpty() ? "Nothing was changed." : "Put back as it was on " + String.join(", ", restored) + ".";
    }

    /** Waits (bounded) until every server reports its normal HA state; returns each one's last state. */
    Map<String, String> awaitNormal(List<Target> targets) {
        Map<String, String> states = new LinkedHashMap<>();
        long deadline = System.nanoTime() + NORMAL_STATE_LIMIT.toNanos();
        for (int attempt = 0; attempt < 1000; attempt++) {
            boolean all = true;
            for (Target t : targets) {
                String s = writer.haStateNow(writer.connection(t.rel(), t.peer()), t.rel().service());
                states.put(t.label(), s == null ? "not answering" : s);
                all &= KeaStates.VOCABULARY.isNormal(s);
            }
            if (all || System.nanoTime() > deadline) break;
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        LOG.info("HA states after the change: {}", states);
        return states;
    }
}
