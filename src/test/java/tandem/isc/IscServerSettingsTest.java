package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tandem.core.ConnectionSettings;
import tandem.ssh.SshSettings;
import tandem.ssh.SshTarget;

/** The inventory form of an ISC server's settings reads back as it was written; the password never is in it. */
class IscServerSettingsTest {
    @Test
    void everySettingSurvivesTheUrl() {
        SshSettings ssh = new SshSettings(SshTarget.parse("dhcp admin@dhcp1.example.net:2222"
                .replace("dhcp admin", "dhcpadmin")), Path.of("/home/a b/.ssh/id_ed25519"), "s3cret&x=1",
                SshTarget.parse("jump@bastion:2200"), true);
        IscServerSettings s = new IscServerSettings(ssh, "/etc/dhcp/my dhcpd.conf", "sudo dhcpd -t -4 -cf FILE && echo ok",
                "systemctl restart isc-dhcp-server && sleep 1", 7912, "docker exec dhcp omshell");
        ConnectionSettings c = s.toConnection("SHA256:a+b/c=", "peer=fo pair");
        assertTrue(c.url().toString().startsWith("ssh://dhcpadmin@dhcp1.example.net:2222/etc/dhcp/my%20dhcpd.conf?"), c.url().toString());
        assertTrue(!c.url().toString().contains("s3cret"), "the password is not in the URL");
        assertEquals("s3cret&x=1", c.password());
        assertEquals(s, IscServerSettings.fromConnection(c));
        assertEquals("SHA256:a+b/c=", IscServerSettings.hostKey(c.url()));
        assertEquals("peer=fo pair", IscServerSettings.fragment(c.url()));
        assertEquals("ssh://jump@bastion:2200", c.proxy().toString());
    }

    @Test
    void defaultsStayOutOfTheUrl() {
        IscServerSettings s = IscServerSettings.defaults(new SshSettings(SshTarget.parse("root@10.0.0.5"), null, null, null, false));
        ConnectionSettings c = s.toConnection(null, null);
        assertEquals("ssh://root@10.0.0.5:22/etc/dhcp/dhcpd.conf", c.url().toString());
        assertEquals(s, IscServerSettings.fromConnection(c));
        assertNull(IscServerSettings.hostKey(c.url()));
    }

    @Test
    void badSettingsSayWhichOne() {
        SshSettings ssh = new SshSettings(SshTarget.parse("root@h"), null, null, null, false);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new IscServerSettings(ssh, "dhcpd.conf", null, null, 0, null))
                .getMessage().contains("absolute"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new IscServerSettings(ssh, null, "dhcpd -t", null, 0, null))
                .getMessage().contains("FILE"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SshTarget.parse("no-user-here")).getMessage().contains("USER@HOST"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SshTarget.parse("a@h:99999")).getMessage().contains("65535"));
    }
}
