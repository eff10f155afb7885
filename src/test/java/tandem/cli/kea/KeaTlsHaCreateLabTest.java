package tandem.cli.kea;

import java.util.List;
import org.junit.jupiter.api.Tag;
import tandem.lab.KeaLab;

/**
 * Every creation and dissolution test of {@link KeaHaCreateLabTest} against two standalone Kea 2.2 servers whose
 * Control Agents serve HTTPS: the console trusts the lab's CA, and the peers talk TLS to each other's agents with the
 * files each agent already names.
 */
@Tag("kea")
class KeaTlsHaCreateLabTest extends KeaHaCreateLabTest {
    @Override
    KeaLab startServers() {
        return KeaLab.startTls(KeaLab.Mode.STANDALONE, 2, 0, null, 3, 1);
    }

    @Override
    List<String> loginOptions(KeaLab lab, int i) {
        return List.of("--trust-anchor", lab.trustAnchorFile().toString());
    }

    @Override
    String peerScheme() {
        return "https";
    }
}
