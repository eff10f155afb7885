package tandem.windows.sim;

import java.util.List;
import java.util.Map;

/**
 * The simulated cmdlets behind the simulator's PowerShell: one call with parameters already bound by name and set.
 * Keys of {@code bound} are the parameters' declared names (e.g. {@code ScopeId}); values are converted to their
 * declared types: IPAddress → {@link SimIp}, arrays → {@code List}, UInt32/Int → Long, Bool and switches → Boolean,
 * TimeSpan → {@link java.time.Duration}, a ValidateSet value → the set's own spelling.
 */
public interface SimCmdlets {
    /** Whether this cmdlet is modelled (otherwise PowerShell says it is not recognized). */
    boolean knows(String cmdlet);

    /** Runs the cmdlet on the session's server; its output objects in order (empty when it writes nothing). */
    List<Object> invoke(SimSession session, String cmdlet, String parameterSet, Map<String, Object> bound) throws SimError;
}
