package tandem.isc;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The key dhcpd asks OMAPI clients to sign with ({@code omapi-key NAME;} and its {@code key NAME { ... }} in
 * dhcpd.conf). The console takes it from the dhcpd.conf it reads anyway and keeps it in memory only.
 *
 * @param algorithm as omshell's {@code key-algorithm} names it, e.g. {@code HMAC-SHA256}
 * @param secret    base64, as in dhcpd.conf
 */
public record OmapiKey(String name, String algorithm, String secret) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");
    private static final java.util.Set<String> ALGORITHMS =
            java.util.Set.of("HMAC-MD5", "HMAC-SHA1", "HMAC-SHA224", "HMAC-SHA256", "HMAC-SHA384", "HMAC-SHA512");

    /** Checks what goes into omshell's input, one command per line, so that no value can add a command. */
    public OmapiKey {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("the OMAPI key name \"" + name + "\" is not one omshell can use");
        }
        algorithm = algorithm == null ? "HMAC-MD5" : algorithm.toUpperCase(Locale.ROOT).replaceFirst("\\.SIG-ALG\\.REG\\.INT\\.?$", "");
        if (!ALGORITHMS.contains(algorithm)) {
            throw new IllegalArgumentException("the OMAPI key \"" + name + "\" uses " + algorithm + ", which omshell does not support");
        }
        if (secret == null || !BASE64.matcher(secret).matches()) {
            throw new IllegalArgumentException("the secret of the OMAPI key \"" + name + "\" is not base64");
        }
    }

    /** The omshell commands that make it sign with this key; they go to omshell's input, never its command line. */
    String omshellLines() {
        return "key-algorithm " + algorithm + "\nkey " + name + " " + secret + "\n";
    }

    @Override
    public String toString() {
        return "OmapiKey[" + name + ", " + algorithm + ", secret=***]";
    }
}
