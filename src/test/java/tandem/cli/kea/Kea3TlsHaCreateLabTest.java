package tandem.cli.kea;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import tandem.lab.KeaLab;

/**
 * Every creation and dissolution test of {@link KeaHaCreateLabTest} against two standalone Kea 3.0 servers whose own
 * control sockets serve HTTPS: the peers talk TLS to each other's control sockets with the trust-anchor, cert-file
 * and key-file each socket already names, and log in with its password file.
 */
@Tag("kea3")
class Kea3TlsHaCreateLabTest extends Kea3HaCreateLabTest {
    @Override
    KeaLab startServers() {
        return KeaLab.startTls(KeaLab.Mode.STANDALONE, 2, 0, KeaLab.HaListener.CONTROL, 3, 1);
    }

    @Override
    List<String> loginOptions(KeaLab lab, int i) {
        List<String> options = new ArrayList<>(super.loginOptions(lab, i));
        options.addAll(List.of("--trust-anchor", lab.trustAnchorFile().toString()));
        return options;
    }

    @Override
    String peerScheme() {
        return "https";
    }
}
