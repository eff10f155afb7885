package tandem.app;

import org.junit.jupiter.api.Tag;
import tandem.lab.KeaLab;

/**
 * Every replication and fallback test of {@link KeaReplicationLabTest} against Kea 3.0 servers without Control
 * Agents, reached through their own authenticated control sockets; HA runs over dedicated listeners.
 */
@Tag("kea3")
class Kea3ReplicationLabTest extends KeaReplicationLabTest {
    @Override
    KeaLab startLab(KeaLab.Mode mode, int servers, int backups) {
        return KeaLab.startKea3(mode, servers, backups, KeaLab.HaListener.DEDICATED);
    }
}
