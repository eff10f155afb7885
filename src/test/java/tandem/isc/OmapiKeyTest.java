package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The OMAPI key is taken from dhcpd.conf, handed to omshell on its input, and never shown. */
class OmapiKeyTest {
    private static final String SECRET = "c2VjcmV0LWZvci1vbWFwaS1vbmx5LWluLXRlc3Rz";

    @Test
    void noOmapiKeyStatementMeansNoKey() throws Exception {
        DhcpdConfig c = DhcpdConfig.parse("/etc/dhcp/dhcpd.conf", "omapi-port 7911;\n"
                + "key ddns { algorithm hmac-md5; secret \"" + SECRET + "\"; };\n");
        assertEquals(Optional.empty(), c.omapiKey(), "a key for DDNS alone is not asked of OMAPI clients");
    }

    @Test
    void theKeyMayLiveInAnIncludedFileAndItsAlgorithmInEitherSpelling() throws Exception {
        Map<String, String> files = Map.of(
                "/etc/dhcp/dhcpd.conf", "omapi-port 7911;\ninclude \"/etc/dhcp/omapi.key\";\nomapi-key \"ctl\";\n",
                "/etc/dhcp/omapi.key", "# made with tsig-keygen\nkey \"ctl\" {\n\talgorithm HMAC-MD5.SIG-ALG.REG.INT;\n"
                        + "\tsecret \"" + SECRET + "\";\n};\n");
        DhcpdConfig c = DhcpdConfig.read("/etc/dhcp/dhcpd.conf", files::get);
        assertEquals(Optional.of(new OmapiKey("ctl", "HMAC-MD5", SECRET)), c.omapiKey());
        assertEquals(files.get("/etc/dhcp/omapi.key"), c.render().get("/etc/dhcp/omapi.key"), "read, never rewritten");
    }

    @Test
    void anOmapiKeyWithoutItsDeclarationOrWithAnUnusableSecretIsNamed() throws Exception {
        DhcpdConfig missing = DhcpdConfig.parse("/etc/dhcp/dhcpd.conf", "omapi-key ctl;\n");
        assertEquals("omapi-key names the key \"ctl\", which is not declared",
                assertThrows(IllegalArgumentException.class, missing::omapiKey).getMessage());
        DhcpdConfig odd = DhcpdConfig.parse("/etc/dhcp/dhcpd.conf",
                "key ctl { algorithm hmac-sha256; secret \"not base64!\nconnect\"; };\nomapi-key ctl;\n");
        assertEquals("the secret of the OMAPI key \"ctl\" is not base64",
                assertThrows(IllegalArgumentException.class, odd::omapiKey).getMessage());
        DhcpdConfig gss = DhcpdConfig.parse("/etc/dhcp/dhcpd.conf",
                "key ctl { algorithm gss-tsig; secret \"" + SECRET + "\"; };\nomapi-key ctl;\n");
        assertTrue(assertThrows(IllegalArgumentException.class, gss::omapiKey).getMessage().contains("GSS-TSIG"));
    }

    @Test
    void theSecretGoesToOmshellsInputBeforeConnectAndIsNeverShown() throws Exception {
        OmapiKey key = new OmapiKey("ctl", "hmac-sha256", SECRET);
        assertFalse(key.toString().contains(SECRET), key.toString());
        List<String> commands = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        Shell shell = new Shell() {
            @Override public ExecResult exec(String command, byte[] stdin, boolean privileged) {
                commands.add(command);
                inputs.add(new String(stdin, StandardCharsets.UTF_8));
                return new ExecResult(0, "> obj: failover-state\nname = \"pair\"\npartner-state = 00:00:00:02\n"
                        + "local-state = 00:00:00:02\n> ", "");
            }

            @Override public String where() { return "dhcp1"; }
        };
        FailoverStatus st = new OmapiFailoverClient(shell, 7911, "omshell", key).read("pair");
        assertTrue(st.normal());
        assertEquals(List.of("omshell"), commands, "nothing secret on a command line");
        String input = inputs.get(0);
        assertTrue(input.startsWith("server 127.0.0.1\nport 7911\nkey-algorithm HMAC-SHA256\nkey ctl " + SECRET
                + "\nconnect\n"), input);
    }
}
