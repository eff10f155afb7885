package tandem.isc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import tandem.core.change.ChangeJob;
import tandem.core.change.Redaction;
import tandem.core.port.ReplicationStore.TargetOutcome;

/**
 * One dhcpd.conf write as a job of the change runner: locked against every writer on the data folder (the file, and
 * the server's relationships), journaled with the files' text before and after (so it can be settled and undone),
 * announced on the server's relationships while dhcpd restarts, and audited with its diff.
 */
final class IscWriteJob implements ChangeJob<SafeWrite.Result> {
    private final IscLocation where;
    private final IscConfigTarget target;
    private final DhcpdConfig before;
    private final ConfigChange change;
    private final String description;
    private final List<String> relationships;
    private final IscJournal journal;

    /** @param relationships the server's relationships (none for a file outside the inventory) */
    IscWriteJob(IscLocation where, IscConfigTarget target, DhcpdConfig before, ConfigChange change, String description,
                List<String> relationships, IscJournal journal) {
        this.where = where;
        this.target = target;
        this.before = before;
        this.change = change;
        this.description = description;
        this.relationships = relationships;
        this.journal = journal;
    }

    /** The file's lock and, for an inventory server, the lock of each of its relationships. */
    static List<String> locks(IscLocation where, List<String> relationships) {
        List<String> out = new ArrayList<>(List.of(where.fileLock()));
        relationships.forEach(r -> out.add(IscChangeService.relationshipLock(r)));
        return out;
    }

    /** e.g. "dhcpd.conf change on dhcp1 (dhcpd restarts): /etc/dhcp/dhcpd.conf +9 -0". */
    static String describe(IscLocation where, ConfigChange change) {
        List<String> files = new ArrayList<>();
        String diff = change.unifiedDiff();
        for (String f : change.changedFiles()) {
            long added = 0, removed = 0;
            boolean in = false;
            for (String line : diff.split("\n")) {
                if (line.startsWith("--- ")) in = line.substring(4).strip().equals("a" + (f.startsWith("/") ? f : "/" + f));
                else if (in && line.startsWith("+") && !line.startsWith("+++")) added++;
                else if (in && line.startsWith("-") && !line.startsWith("---")) removed++;
            }
            files.add(f + " +" + added + " -" + removed);
        }
        return "dhcpd.conf change on " + where.name() + " (dhcpd restarts): " + String.join(", ", files);
    }

    @Override public String relationship() { return where.name(); }
    @Override public String kind() { return IscChangeService.KIND; }
    @Override public String description() { return description; }
    @Override public List<String> locks() { return locks(where, relationships); }
    @Override public List<String> servers() { return List.of(where.name()); }
    @Override public String diff() { return change.unifiedDiff(); }
    @Override public String journaled() { return journal.write(where, change); }
    @Override public List<String> announcedOn() { return relationships; }

    /** Read from what the write changes (see {@link IscChangeNeeds}), named by the server's relationship. */
    @Override public List<tandem.core.access.Need> needs() {
        return IscChangeNeeds.of(relationships.isEmpty() ? where.name() : relationships.get(0), before, change);
    }

    @Override
    public SafeWrite.Result apply(Context ctx) {
        ctx.appliedTo(where.name());
        // known before the first byte is written: an entry settled after a crash can still be undone
        ctx.inverse(journal.write(where, inverse(change)));
        SafeWrite.Result r;
        try {
            r = target.apply(before, change);
        } catch (SafeWrite.MayHaveWritten e) {
            ctx.target(where.name(), TargetOutcome.UNKNOWN, e.getMessage() + "; settled by reading the files");
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            ctx.target(where.name(), TargetOutcome.FAILED, e.getMessage());
            throw new UncheckedIOException(e);
        }
        boolean unknown = r instanceof SafeWrite.RestartFailed f && !f.restored();
        ctx.target(where.name(), r instanceof SafeWrite.Applied ? TargetOutcome.APPLIED
                : unknown ? TargetOutcome.UNKNOWN : TargetOutcome.FAILED, r.message());
        return r;
    }

    @Override
    public String outcome(SafeWrite.Result result, Context ctx) {
        if (result instanceof SafeWrite.Applied) return ctx.summary();
        // dhcpd quotes the line it refuses, which may be a key's secret
        return ctx.summary() + ": " + Redaction.redact(result.message().lines().findFirst().orElse(""));
    }

    /** The edit that takes the files back from what the change wrote to what they said before. */
    static ConfigChange inverse(ConfigChange c) {
        return new ConfigChange(c.mainPath(), c.after(), c.before(), List.of());
    }
}
