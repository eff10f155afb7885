package tandem.windows.ps;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A PowerShell script as Tandem sends it: a body that sets {@code $data}, inside a fixed prelude and envelope that
 * print one line of compressed JSON, {@code {"ok":true,"data":...}} or {@code {"ok":false,"message","fqid","category",
 * "type","step"}}. Values reach a body only through the literal helpers ({@link #str}, {@link #ip}, ...), which
 * make injection impossible; the text of a script is never shown, since it may hold a secret.
 */
public final class PsScript {
    /** Stops on the first error, keeps progress records out of stderr, prints UTF-8; helpers the bodies use. */
    static final String PRELUDE = String.join("\n",
            "$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue'",
            "[Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false",
            "function Sec($t) { if ($null -eq $t) { $null } else { [int64]$t.TotalSeconds } }",
            "function Ips($a) { @($a | ForEach-Object { \"$_\" }) -join ',' }",
            "function Unix($t) { if ($null -eq $t) { $null } else { ([DateTimeOffset]$t).ToUnixTimeSeconds() } }",
            "$step = ''",
            "try {");
    static final String EPILOGUE = String.join("\n",
            "  $out = [ordered]@{ ok = $true; data = $data }",
            "} catch {",
            "  $out = [ordered]@{ ok = $false; message = $_.Exception.Message; fqid = $_.FullyQualifiedErrorId;",
            "    category = [string]$_.CategoryInfo.Category; type = $_.Exception.GetType().FullName; step = $step }",
            "}",
            "ConvertTo-Json -InputObject $out -Depth 6 -Compress");

    private static final Pattern CMDLET = Pattern.compile("[A-Za-z]+-[A-Za-z0-9]+");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private final String body;
    private final List<String> steps;
    private final Set<String> secrets;

    private PsScript(String body, List<String> steps, Set<String> secrets) {
        this.body = Objects.requireNonNull(body, "body");
        this.steps = List.copyOf(steps);
        this.secrets = Set.copyOf(secrets);
    }

    /** A script of one body (statements that set {@code $data}), holding no secret. */
    public static PsScript of(String body) { return new PsScript(body, List.of(), Set.of()); }

    public static Builder builder() { return new Builder(); }

    /** The whole script as PowerShell runs it. */
    public String text() { return PRELUDE + "\n" + body.replaceFirst("^\\n+", "").stripTrailing() + "\n" + EPILOGUE + "\n"; }

    public String body() { return body; }

    /** The cmdlets the body names as steps, in order: what a message may say about the script. */
    public List<String> steps() { return steps; }

    /** The secret values the script carries, so that whatever comes back can be masked before it is shown. */
    public Set<String> secrets() { return secrets; }

    /** Never the text (it may carry a secret): the steps. */
    @Override public String toString() {
        return "PowerShell script" + (steps.isEmpty() ? "" : " (" + String.join(", ", steps) + ")");
    }

    /** Builds a body step by step: {@code $step} names the cmdlet about to run, so a failure says which one. */
    public static final class Builder {
        private final StringBuilder body = new StringBuilder();
        private final List<String> steps = new ArrayList<>();
        private final Set<String> secrets = new LinkedHashSet<>();

        private Builder() {}

        /** Statements run as {@code cmdlet}'s step: a failure in them reports that name. */
        public Builder step(String cmdlet, String statements) {
            if (!CMDLET.matcher(cmdlet).matches()) throw new IllegalArgumentException("not a cmdlet name: " + cmdlet);
            steps.add(cmdlet);
            body.append("  $step = ").append(str(cmdlet)).append('\n');
            return line(statements);
        }

        /** Statements outside any cmdlet step (projections, assignments). */
        public Builder line(String statements) {
            for (String l : statements.strip().split("\n")) body.append("  ").append(l.stripTrailing()).append('\n');
            return this;
        }

        /** A secret as a quoted literal, remembered so that replies and logs mask it. */
        public String secret(String value) {
            String literal = str(value);
            if (!value.isEmpty()) secrets.add(value);
            return literal;
        }

        public PsScript build() {
            return new PsScript(body.toString(), steps, secrets);
        }
    }

    /**
     * A single-quoted string literal: nothing is expanded inside one; the quote is doubled, and so are the typographic
     * quotes PowerShell also reads as single quotes (U+2018 to U+201B). Control characters are refused.
     */
    public static String str(String value) {
        Objects.requireNonNull(value, "value");
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029') {
                throw new IllegalArgumentException("a control character (U+" + String.format("%04X", (int) c)
                        + ") cannot be sent in a PowerShell text value");
            }
            out.append(c);
            if (isSingleQuote(c)) out.append(c);
        }
        return out.append('\'').toString();
    }

    static boolean isSingleQuote(char c) {
        return c == '\'' || (c >= '\u2018' && c <= '\u201B');
    }

    /** A dotted IPv4 address as a quoted literal; anything else (leading zeros included) is refused. */
    public static String ip(String address) {
        if (address == null || !IPV4.matcher(address).matches()) {
            throw new IllegalArgumentException("not an IPv4 address (a.b.c.d): " + address);
        }
        return "'" + address + "'";
    }

    /** IPv4 addresses as a comma list (PowerShell's array), {@code @()} when none. */
    public static String ips(List<String> addresses) {
        if (addresses.isEmpty()) return "@()";
        List<String> out = new ArrayList<>();
        for (String a : addresses) out.add(ip(a));
        return String.join(",", out);
    }

    /**
     * A TimeSpan literal, {@code '01:00:00'} or {@code '8.00:00:00'}: a bare integer would be read as ticks. Whole
     * seconds only, not negative.
     */
    public static String timeSpan(Duration d) {
        if (d.isNegative()) throw new IllegalArgumentException("a negative time span: " + d);
        if (d.getNano() != 0) throw new IllegalArgumentException("a time span in whole seconds is expected: " + d);
        long s = d.getSeconds();
        long days = s / 86_400, h = s % 86_400 / 3600, m = s % 3600 / 60, sec = s % 60;
        String hms = String.format("%02d:%02d:%02d", h, m, sec);
        return "'" + (days > 0 ? days + "." + hms : hms) + "'";
    }

    public static String bool(boolean b) { return b ? "$true" : "$false"; }

    /** An integer; a negative one in parentheses, so that as a cmdlet argument it cannot read as a parameter. */
    public static String integer(long n) { return n < 0 ? "(" + n + ")" : Long.toString(n); }
}
