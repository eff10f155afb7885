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

    @Test
    void longQuotedTextDoesNotOverflowTheStack() {
        // a stack trace or a configuration with a long string once ended in a StackOverflowError here
        String longString = "\"" + "ab\\\"".repeat(200_000) + "\"";
        String text = "{\"note\": " + longString + ", \"password\": \"pw-1\"} secret " + longString + ";";
        String out = Redaction.redact(text);
        assertFalse(out.contains("pw-1"));
        assertTrue(out.endsWith("\"password\": \"****\"} secret ****;"), out.substring(out.length() - 60));
    }

    @Test
    void anUnbalancedQuoteOnOneLineDoesNotHideASecretOnTheNext() {
        String out = Redaction.redact("dhcpd said: \"odd\n  \"password\": \"pw-2\",\n \"user\": \"u\"");
        assertFalse(out.contains("pw-2"), out);
        assertTrue(out.contains("\"user\": \"u\""), out);
    }

    @Test
    void manyUnclosedQuotesAndUrlsTakeLinearTime() {
        String quotes = "\"ab\\\"".repeat(300_000);
        String urls = "a://b".repeat(300_000) + " " + "x.".repeat(300_000);
        long started = System.nanoTime();
        assertEquals(quotes, Redaction.redact(quotes));
        assertEquals(urls, Redaction.redact(urls));
        assertTrue(System.nanoTime() - started < 5_000_000_000L, "took " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }
}
