package tandem.core.port;

import tandem.core.HaAction;
import tandem.core.HaActionOutcome;

/** Sends a planned HA action to its servers; one implementation per backend. Blocks; never throws for Kea errors. */
public interface HaActionRunner {
    HaActionOutcome run(HaAction action);
}
