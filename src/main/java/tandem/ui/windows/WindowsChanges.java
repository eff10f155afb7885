package tandem.ui.windows;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import tandem.windows.ConfigEdit;
import tandem.windows.FailoverChange;
import tandem.windows.ScopeConfig;
import tandem.windows.WinOptionValue;
import tandem.windows.FailoverRequest;
import tandem.windows.ServerView;
import tandem.windows.WindowsChangeService;
import tandem.windows.WindowsChangeService.Plan;
import tandem.windows.WindowsChangeService.ReplicateTarget;
import tandem.windows.WindowsChangeService.ReplicationPlan;
import tandem.windows.WindowsChangeService.ScopeOutcome;

/**
 * What the Windows dialogs ask of the backend: read a server, plan a change, apply it. Every call may reach a
 * server, so view models call it off the FX thread; their tests supply a fake instead of servers.
 */
public interface WindowsChanges {
    List<String> serverNames();

    /** Relationships that came in through {@code added}'s partner are read again (see WindowsChangeService). */
    default void partnerAdded(String added) {}

    ServerView view(String server) throws IOException;

    Plan planCreate(FailoverRequest request, String sharedSecret) throws IOException;

    Plan planScopes(String relationship, boolean add, List<String> scopeIds) throws IOException;

    Plan planRemove(String relationship, String keepOn, boolean deleteOther) throws IOException;

    ReplicationPlan planReplicate(ReplicateTarget target, String from) throws IOException;

    List<ScopeOutcome> replicate(ReplicationPlan plan, Consumer<ScopeOutcome> progress) throws IOException;

    /** {@code sharedSecret}: null keeps it, empty turns authentication off. */
    Plan planSettings(FailoverChange change, String sharedSecret) throws IOException;

    /** The change that undoes journaled change {@code id}; refused, saying why, when it cannot be undone. */
    Plan planUndo(long id);

    /** A table item's edit or removal (on both partners of a failover scope). */
    default Plan planConfig(String relationship, ConfigEdit edit) throws IOException {
        throw new UnsupportedOperationException("no table edits here");
    }

    /** What a server has now of a scope (null: none named or found) and at server level, to start an edit from. */
    record Current(ScopeConfig scope, List<WinOptionValue> serverOptions) {}

    /** {@code scopeId} null with {@code reservedIp}: the scope holding that reservation. */
    default Current current(String server, String scopeId, String reservedIp) throws IOException {
        throw new UnsupportedOperationException("no table edits here");
    }

    /** Applies through the change pipeline; the outcome as the administrator reads it. */
    String apply(Plan plan) throws IOException;

    /** The backend's change service, as the dialogs see it. */
    static WindowsChanges of(WindowsChangeService s) {
        return new WindowsChanges() {
            @Override public List<String> serverNames() { return s.serverNames(); }

            @Override public void partnerAdded(String added) { s.partnerAdded(added); }

            @Override public ServerView view(String server) throws IOException { return s.view(server); }

            @Override public Plan planCreate(FailoverRequest r, String secret) throws IOException { return s.planCreate(r, secret); }

            @Override public Plan planScopes(String rel, boolean add, List<String> ids) throws IOException {
                return s.planScopes(rel, add, ids);
            }

            @Override public Plan planRemove(String rel, String keepOn, boolean deleteOther) throws IOException {
                return s.planRemove(rel, keepOn, deleteOther);
            }

            @Override public ReplicationPlan planReplicate(ReplicateTarget t, String from) throws IOException {
                return s.planReplicate(t, from);
            }

            @Override public List<ScopeOutcome> replicate(ReplicationPlan p, Consumer<ScopeOutcome> progress) throws IOException {
                return s.replicate(p, progress);
            }

            @Override public Plan planSettings(FailoverChange c, String secret) throws IOException { return s.planSettings(c, secret); }

            @Override public Plan planUndo(long id) { return s.planUndo(id); }

            @Override public String apply(Plan p) throws IOException { return s.apply(p); }

            @Override public Plan planConfig(String rel, ConfigEdit edit) throws IOException { return s.planConfig(rel, edit); }

            @Override public Current current(String server, String scopeId, String reservedIp) throws IOException {
                return new Current(s.scopeConfig(server, scopeId, reservedIp), s.serverOptions(server));
            }
        };
    }
}
