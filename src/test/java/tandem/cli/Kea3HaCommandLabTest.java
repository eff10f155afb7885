package tandem.cli;

import java.util.List;
import org.junit.jupiter.api.Tag;
import tandem.lab.KeaLab;

/**
 * Every HA command test of {@link HaCommandLabTest} against a Kea 3.0 pair without Control Agents, added through
 * server1's own control socket with basic authentication; HA runs over dedicated listeners, so server2's control
 * socket is given with --peer-url.
 */
@Tag("kea3")
class Kea3HaCommandLabTest extends HaCommandLabTest {
    @Override
    KeaLab startPair() {
        return KeaLab.startKea3(KeaLab.Mode.LOAD_BALANCING, 2, 0, KeaLab.HaListener.DEDICATED);
    }

    @Override
    List<String> loginOptions(KeaLab lab) {
        KeaLab.Kea3Access access = lab.kea3(1);
        // on loopback each server's control socket has a port of its own: the partner's cannot be derived
        return List.of("--user", access.user(), "--password-file", access.passwordFile().toString(),
                "--peer-url", "server2=" + lab.kea3(2).controlUrl());
    }
}
