package tandem.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each projection prints exactly the fields its record reads (the two are written in different languages and
 * would otherwise drift apart), and stays within the PowerShell subset the transport may send.
 */
class WindowsProjectionsTest {
    /** A key of the {@code [ordered]@{ k=v; k2=v2 }} table. */
    private static final Pattern KEY = Pattern.compile("(?:@\\{|;)\\s*([A-Za-z]+)=");

    private static Set<String> keys(String projection) {
        Set<String> keys = new LinkedHashSet<>();
        Matcher m = KEY.matcher(projection);
        while (m.find()) keys.add(m.group(1));
        return keys;
    }

    /** The fields the record's reader asks for when given an empty row. */
    private static Set<String> read(Consumer<ProjectionReader> from) {
        ProjectionReader r = new ProjectionReader(new ObjectMapper().createObjectNode());
        try {
            from.accept(r);
        } catch (IllegalArgumentException requiredFieldMissing) {
            // asked before it found the row lacking: read the rest from a row that has the required fields
            r = new ProjectionReader(new ObjectMapper().createObjectNode().put("name", "n").put("scopeId", "10.1.0.0")
                    .put("startRange", "10.1.0.1").put("endRange", "10.1.0.2").put("ipAddress", "10.1.0.5")
                    .put("optionId", 6));
            from.accept(r);
        }
        return r.asked();
    }

    @Test
    void failoverProjectionNamesEveryFieldTheRecordReads() {
        assertEquals(read(WinFailover::read), keys(WindowsProjections.FAILOVER));
        assertEquals(13, keys(WindowsProjections.FAILOVER).size());
    }

    @Test
    void scopeProjectionNamesEveryFieldTheRecordReads() {
        assertEquals(read(WinScope::read), keys(WindowsProjections.SCOPE));
    }

    @Test
    void exclusionProjectionNamesEveryFieldTheRecordReads() {
        assertEquals(read(WinExclusion::read), keys(WindowsProjections.EXCLUSION));
    }

    @Test
    void reservationProjectionNamesEveryFieldTheRecordReads() {
        assertEquals(read(WinReservation::read), keys(WindowsProjections.RESERVATION));
    }

    @Test
    void leaseProjectionNamesEveryFieldTheRecordReads() {
        assertEquals(read(WinLease::read), keys(WindowsProjections.LEASE));
        assertEquals(6, keys(WindowsProjections.LEASE).size());
    }

    @Test
    void scopeStatisticsProjectionNamesEveryFieldTheRecordReads() {
        assertEquals(read(WinScopeStatistics::read), keys(WindowsProjections.SCOPE_STATISTICS));
    }

    @Test
    void optionValueProjectionNamesEveryFieldTheRecordReads() {
        assertEquals(read(WinOptionValue::read), keys(WindowsProjections.SCOPE_OPTION_VALUE));
        assertEquals(read(WinOptionValue::read), keys(WindowsProjections.optionValue("$rip")));
        assertTrue(WindowsProjections.optionValue("$rip").contains("reservedIp=$rip }"));
        assertTrue(WindowsProjections.SCOPE_OPTION_VALUE.contains("reservedIp=$null }"));
    }

    @Test
    void theReservedAddressMustBeAPlainVariable() {
        for (String bad : new String[] {"$(Get-Date)", "'10.1.0.5'", "$a; Remove-Item x", "rip", "", null}) {
            assertThrows(IllegalArgumentException.class, () -> WindowsProjections.optionValue(bad), String.valueOf(bad));
        }
    }

    /**
     * Only the subset: no subexpressions, no double-quoted strings but {@code "$_"}, addresses through Ips, time
     * spans through Sec, and every projection a single ForEach-Object block with balanced braces.
     */
    @Test
    void projectionsUseOnlyTheSubset() {
        Pattern member = Pattern.compile("\\$_\\.([A-Za-z]+)");
        for (String p : new String[] {WindowsProjections.FAILOVER, WindowsProjections.SCOPE, WindowsProjections.EXCLUSION,
                WindowsProjections.RESERVATION, WindowsProjections.SCOPE_OPTION_VALUE, WindowsProjections.SCOPE_STATISTICS}) {
            assertTrue(p.startsWith("ForEach-Object { [ordered]@{ ") && p.endsWith(" } }"), p);
            assertFalse(p.contains("$("), p);
            assertFalse(p.contains("\"") || p.contains("'") || p.contains("`"), p);
            assertEquals(p.chars().filter(c -> c == '{').count(), p.chars().filter(c -> c == '}').count(), p);
            Matcher m = member.matcher(p);
            while (m.find()) {
                String prop = m.group(1);
                String before = p.substring(0, m.start());
                if (Set.of("ScopeId", "SubnetMask", "StartRange", "EndRange", "IPAddress").contains(prop)) {
                    assertTrue(before.endsWith("Ips "), prop + " must go through Ips in " + p);
                }
                if (Set.of("MaxClientLeadTime", "StateSwitchInterval", "LeaseDuration").contains(prop)) {
                    assertTrue(before.endsWith("Sec "), prop + " must go through Sec in " + p);
                }
            }
        }
    }
}
