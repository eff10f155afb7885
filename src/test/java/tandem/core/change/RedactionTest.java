package tandem.core.change;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class RedactionTest {
    @Test
    void jsonPasswordsAndSecretsAreMasked() {
        String diff = """
                +        "basic-auth-password": "s3cr3t-pw",
                -        "password": "old\\"pw",
                         "user": "admin",
                +    "shared-secret": "abc"
                """;
        String out = Redaction.redact(diff);
        assertFalse(out.contains("s3cr3t-pw"), out);
        assertFalse(out.contains("old\\\"pw"), out);
        assertFalse(out.contains("abc"), out);
        assertTrue(out.contains("\"basic-auth-password\": \"****\""), out);
        assertTrue(out.contains("\"user\": \"admin\""), out);
    }

    @Test
    void dhcpdKeySecretsAreMasked() {
        String conf = """
                key omapi_key {
                  algorithm hmac-sha256;
                  secret "bWFzdGVyLXNlY3JldA==";
                }
                key other { algorithm hmac-md5; secret c2Vjb25k; }
                """;
        String out = Redaction.redact(conf);
        assertFalse(out.contains("bWFzdGVyLXNlY3JldA=="), out);
        assertFalse(out.contains("c2Vjb25k"), out);
        assertTrue(out.contains("secret ****;"), out);
        assertTrue(out.contains("algorithm hmac-sha256;"), out);
    }

    @Test
    void keysNamedLikeAKeyAreMaskedButFilesHoldingKeysAreNot() {
        String out = Redaction.redact("{\"key\": \"k1\", \"private-key\": \"k2\", \"api_key\": \"k3\","
                + " \"key-file\": \"/etc/kea/tls.key\", \"token\": \"t\", \"name\": \"keyring\"}");
        assertEquals("{\"key\": \"****\", \"private-key\": \"****\", \"api_key\": \"****\","
                + " \"key-file\": \"/etc/kea/tls.key\", \"token\": \"****\", \"name\": \"keyring\"}", out);
    }

    @Test
    void userInformationOfUrlsIsMaskedExceptABareSshLogin() {
        assertEquals("via http://****@proxy.example:3128", Redaction.redact("via http://user:pass@proxy.example:3128"));
        assertEquals("https://****@kea.example/", Redaction.uri(java.net.URI.create("https://token@kea.example/")));
        assertEquals("ssh://admin@dhcp1:22/etc/dhcp/dhcpd.conf", Redaction.redact("ssh://admin@dhcp1:22/etc/dhcp/dhcpd.conf"));
        assertEquals("ssh://****@dhcp1:22", Redaction.redact("ssh://admin:pw@dhcp1:22"));
        assertEquals("mail admin@example.org", Redaction.redact("mail admin@example.org"));
        assertNull(Redaction.uri(null));
    }

    @Test
    void aSecretCutShortIsStillRecognisedBecauseRedactionComesFirst() {
        assertTrue(Redaction.isSecretName("basic-auth-password"));
        assertTrue(Redaction.isSecretName("Shared-Secret"));
        assertFalse(Redaction.isSecretName("basic-auth-user"));
        assertFalse(Redaction.isSecretName("hostkey"));
    }
}
