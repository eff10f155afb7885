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
}
