package tandem.windows.ps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PsScriptTest {
    @Test
    void textIsSingleQuotedWithQuotesDoubled() {
        assertEquals("'plain'", PsScript.str("plain"));
        assertEquals("''", PsScript.str(""));
        assertEquals("'O''Brien''s scope'", PsScript.str("O'Brien's scope"));
        assertEquals("'a b  c'", PsScript.str("a b  c"));
        // nothing is expanded in single quotes: $ ` " and the rest stay as they are
        assertEquals("'!@#$%^&*()`\"$(Get-Date);|<>'", PsScript.str("!@#$%^&*()`\"$(Get-Date);|<>"));
    }

    @Test
    void theTypographicSingleQuotesPowerShellAlsoHonoursAreDoubledToo() {
        assertEquals("'it\u2019\u2019s'", PsScript.str("it\u2019s"));
        assertEquals("'\u2018\u2018a\u201B\u201Bb\u201A\u201A'", PsScript.str("\u2018a\u201Bb\u201A"));
        // double quotes (straight or typographic) end nothing inside single quotes
        assertEquals("'\u201Cq\u201D'", PsScript.str("\u201Cq\u201D"));
    }

    @Test
    void aQuotedValueCannotEndItsLiteralEarly() {
        String evil = "x'; Remove-DhcpServerv4Scope -ScopeId 10.0.0.0 -Force; '";
        String literal = PsScript.str(evil);
        // reading as PowerShell does: a quote followed by a quote is one quote, a lone quote ends the literal
        StringBuilder read = new StringBuilder();
        int i = 1;
        for (; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (PsScript.isSingleQuote(c)) {
                if (i + 1 < literal.length() && PsScript.isSingleQuote(literal.charAt(i + 1))) {
                    read.append(literal.charAt(++i));
                    continue;
                }
                break;
            }
            read.append(c);
        }
        assertEquals(literal.length() - 1, i, "the literal ends at its last character");
        assertEquals(evil, read.toString());
    }

    @Test
    void controlCharactersAreRefused() {
        for (String bad : List.of("a\nb", "a\rb", "tab\there", "nul\u0000", "del\u007F", "c1\u0085", "ls\u2028")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PsScript.str(bad));
            assertTrue(e.getMessage().contains("control character"), e.getMessage());
        }
    }

    @Test
    void addressesAreValidatedDottedIpv4() {
        assertEquals("'10.1.0.0'", PsScript.ip("10.1.0.0"));
        assertEquals("'255.255.255.255'", PsScript.ip("255.255.255.255"));
        for (String bad : List.of("10.1.0", "10.1.0.256", "010.1.0.1", "10.1.0.1 ", "a.b.c.d", "10.1.0.1'; exit;'",
                "::1", "")) {
            assertThrows(IllegalArgumentException.class, () -> PsScript.ip(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> PsScript.ip(null));
        assertEquals("'10.0.0.1','10.0.0.2'", PsScript.ips(List.of("10.0.0.1", "10.0.0.2")));
        assertEquals("@()", PsScript.ips(List.of()));
        assertThrows(IllegalArgumentException.class, () -> PsScript.ips(List.of("10.0.0.1", "10.0.0")));
    }

    @Test
    void timeSpansAreTextNeverIntegersWhichWouldBeTicks() {
        assertEquals("'01:00:00'", PsScript.timeSpan(Duration.ofHours(1)));
        assertEquals("'8.00:00:00'", PsScript.timeSpan(Duration.ofDays(8)));
        assertEquals("'00:00:00'", PsScript.timeSpan(Duration.ZERO));
        assertEquals("'1.02:03:04'", PsScript.timeSpan(Duration.ofSeconds(86_400 + 2 * 3600 + 3 * 60 + 4)));
        assertEquals("'00:59:59'", PsScript.timeSpan(Duration.ofSeconds(3599)));
        assertThrows(IllegalArgumentException.class, () -> PsScript.timeSpan(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> PsScript.timeSpan(Duration.ofMillis(1500)));
    }

    @Test
    void booleansAndIntegers() {
        assertEquals("$true", PsScript.bool(true));
        assertEquals("$false", PsScript.bool(false));
        assertEquals("50", PsScript.integer(50));
        assertEquals("(-5)", PsScript.integer(-5));
    }

    @Test
    void theScriptWrapsTheBodyInTheEnvelope() {
        PsScript s = PsScript.builder()
                .step("Get-DhcpServerv4Failover", "$rows = @(Get-DhcpServerv4Failover | ForEach-Object { $_.Name })")
                .line("$data = $rows")
                .build();
        String text = s.text();
        assertTrue(text.startsWith("$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue'\n"), text);
        assertTrue(text.contains("[Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false\n"), text);
        assertTrue(text.contains("  $step = 'Get-DhcpServerv4Failover'\n  $rows = @(Get-DhcpServerv4Failover"), text);
        assertTrue(text.indexOf("try {") < text.indexOf("$data = $rows"), text);
        assertTrue(text.indexOf("$data = $rows") < text.indexOf("} catch {"), text);
        assertTrue(text.endsWith("ConvertTo-Json -InputObject $out -Depth 6 -Compress\n"), text);
        assertEquals(List.of("Get-DhcpServerv4Failover"), s.steps());
        assertThrows(IllegalArgumentException.class, () -> PsScript.builder().step("Get-Thing; Remove-Thing", "$data = 1"));
    }

    @Test
    void secretsAreRememberedAndNeverShown() {
        PsScript.Builder b = PsScript.builder();
        String literal = b.secret("t0p'secret");
        assertEquals("'t0p''secret'", literal);
        PsScript s = b.step("Set-DhcpServerv4Failover", "Set-DhcpServerv4Failover -Name 'r' -SharedSecret " + literal + " -Force")
                .line("$data = $null").build();
        assertEquals(Set.of("t0p'secret"), s.secrets());
        assertFalse(s.toString().contains("t0p"), s.toString());
        assertEquals("PowerShell script (Set-DhcpServerv4Failover)", s.toString());
    }
}
