package tandem.app;

import org.junit.jupiter.api.Tag;
import tandem.lab.KeaLab;

/**
 * Every test of {@link KeaApplyLabTest} (outside changes seen between preview and apply, a peer's own settings kept,
 * the status while a change is applied) on a Kea 3.0 pair reached through its own authenticated control sockets.
 */
@Tag("kea3")
class Kea3ApplyLabTest extends KeaApplyLabTest {
    @Override
    KeaLab startPair() {
        return KeaLab.startKea3(KeaLab.Mode.LOAD_BALANCING, 2, 0, KeaLab.HaListener.DEDICATED);
    }
}
