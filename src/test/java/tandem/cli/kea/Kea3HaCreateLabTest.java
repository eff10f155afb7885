package tandem.cli.kea;

import java.util.List;
import org.junit.jupiter.api.Tag;
import tandem.lab.KeaLab;

/**
 * Every creation and dissolution test of {@link KeaHaCreateLabTest} against two standalone Kea 3.0 servers without
 * Control Agents, each added through its own authenticated control socket. The peers log in with the password file
 * their control sockets already name; HA runs over the control sockets, without dedicated listeners.
 */
@Tag("kea3")
class Kea3HaCreateLabTest extends KeaHaCreateLabTest {
    @Override
    KeaLab startServers() {
        return KeaLab.startKea3(KeaLab.Mode.STANDALONE, 2, 0, KeaLab.HaListener.CONTROL, 3, 1);
    }

    @Override
    List<String> loginOptions(KeaLab lab, int i) {
        KeaLab.Kea3Access access = lab.kea3(i);
        return List.of("--user", access.user(), "--password-file", access.passwordFile().toString());
    }

    @Override
    String hooksDir() {
        return "\"";  // a bare name: the JSON string starts with the library's name
    }
}
