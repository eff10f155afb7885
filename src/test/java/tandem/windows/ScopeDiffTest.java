package tandem.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tandem.windows.ScopeDiff.Item;
import tandem.windows.ScopeDiff.Kind;
import tandem.windows.ScopeDiff.Presence;

/** What replication of a scope would make the destination lose and gain, and how a drift reads. */
class ScopeDiffTest {
    private static final String S = "10.1.0.0";
    private static final WinScope SCOPE = new WinScope(S, "Office", "255.255.255.0", "10.1.0.10", "10.1.0.200",
            "Active", "Dhcp", 691200L, "");

    private static WinReservation res(String ip, String mac, String name) {
        return new WinReservation(S, ip, mac, name, "Dhcp", "");
    }

    private static WinOptionValue opt(int id, String reservedIp, String... values) {
        return new WinOptionValue(id, "option " + id, List.of(values), reservedIp);
    }

    private static ScopeConfig source() {
        return new ScopeConfig(SCOPE, List.of(new WinExclusion(S, "10.1.0.1", "10.1.0.9")),
                List.of(res("10.1.0.50", "aa-aa-aa-aa-aa-aa", "printer"), res("10.1.0.51", "bb-bb-bb-bb-bb-bb", ""),
                        res("10.1.0.52", "cc-cc-cc-cc-cc-cc", "")),
                List.of(opt(3, null, "10.1.0.1"), opt(6, null, "10.0.0.1", "10.0.0.2"), opt(6, "10.1.0.50", "10.0.0.9")));
    }

    private static ScopeConfig copy(ScopeConfig c, WinScope scope, List<WinExclusion> ex, List<WinReservation> res,
                                    List<WinOptionValue> opts) {
        return new ScopeConfig(scope == null ? c.scope() : scope, ex == null ? c.exclusions() : ex,
                res == null ? c.reservations() : res, opts == null ? c.options() : opts);
    }

    private static List<String> keys(List<Item> items) { return items.stream().map(Item::key).toList(); }

    @Test
    void identicalScopesDoNotDiffer() {
        ScopeDiff d = ScopeDiff.between(source(), source());
        assertTrue(d.isEmpty());
        assertEquals(Presence.BOTH, d.presence());
        assertEquals("identical", d.summary());
        assertEquals(List.of(), d.loses());
        assertEquals(List.of(), d.gains());
    }

    @Test
    void spellingsWindowsDoesNotDistinguishAreTheSame() {
        ScopeConfig src = source();
        WinScope other = new WinScope(S, "Office", "255.255.255.0", "10.1.0.10", "10.1.0.200", "active", "DHCP",
                691200L, null);
        List<WinReservation> res = new ArrayList<>(src.reservations());
        res.set(0, new WinReservation(S, "10.1.0.50", "AA:AA:AA:AA:AA:AA", "printer", "dhcp", null));
        List<WinOptionValue> opts = List.of(new WinOptionValue(3, "Router", List.of("10.1.0.1"), null),
                opt(6, null, "10.0.0.1", "10.0.0.2"), opt(6, "10.1.0.50", "10.0.0.9"));
        assertTrue(ScopeDiff.between(src, copy(src, other, null, res, opts)).isEmpty());
    }

    @Test
    void theIssuesExample() {
        ScopeConfig src = source();
        ScopeConfig dst = copy(src, null, null,
                List.of(res("10.1.0.50", "aa-aa-aa-aa-aa-aa", "printer"), res("10.1.0.53", "dd-dd-dd-dd-dd-dd", "laptop")),
                List.of(opt(3, null, "10.1.0.1"), opt(6, null, "10.0.0.2", "10.0.0.1"), opt(6, "10.1.0.50", "10.0.0.9")));
        ScopeDiff d = ScopeDiff.between(src, dst);
        assertFalse(d.isEmpty());
        assertEquals("differs: 3 reservations, option 6", d.summary());
        assertEquals(List.of("10.1.0.53"), keys(d.loses(Kind.RESERVATION)));
        assertEquals(List.of("10.1.0.51", "10.1.0.52"), keys(d.gains(Kind.RESERVATION)));
        assertEquals("10.1.0.53 for dd-dd-dd-dd-dd-dd (laptop), type Dhcp", d.loses(Kind.RESERVATION).get(0).text());
        // an option whose value differs is lost as the destination has it and gained as the source has it
        assertEquals("option 6 (option 6): 10.0.0.2, 10.0.0.1", d.loses(Kind.SCOPE_OPTION).get(0).text());
        assertEquals("option 6 (option 6): 10.0.0.1, 10.0.0.2", d.gains(Kind.SCOPE_OPTION).get(0).text());
        assertEquals(List.of(), d.loses(Kind.PROPERTY));
        assertEquals(List.of(), d.gains(Kind.EXCLUSION));
    }

    @Test
    void scopePropertiesByName() {
        ScopeConfig src = source();
        WinScope older = new WinScope(S, "Office", "255.255.255.0", "10.1.0.10", "10.1.0.200", "Active", "Dhcp",
                86400L, "old text");
        ScopeDiff d = ScopeDiff.between(src, copy(src, older, null, null, null));
        assertEquals("differs: lease duration, description", d.summary());
        assertEquals(List.of("lease duration: 86400 s", "description: old text"),
                d.loses(Kind.PROPERTY).stream().map(Item::text).toList());
        assertEquals(List.of("lease duration: 691200 s", "description: "),
                d.gains(Kind.PROPERTY).stream().map(Item::text).toList());
        WinScope moved = new WinScope(S, "Office", "255.255.255.0", "10.1.0.20", "10.1.0.200", "InActive", "Dhcp",
                691200L, "");
        assertEquals("differs: range, state", ScopeDiff.between(src, copy(src, moved, null, null, null)).summary());
    }

    @Test
    void exclusionsByRange() {
        ScopeConfig src = source();
        ScopeDiff d = ScopeDiff.between(src, copy(src, null, List.of(new WinExclusion(S, "10.1.0.1", "10.1.0.5")), null, null));
        assertEquals("differs: 2 exclusions", d.summary());
        assertEquals(List.of("10.1.0.1-10.1.0.5"), keys(d.loses(Kind.EXCLUSION)));
        assertEquals(List.of("10.1.0.1-10.1.0.9"), keys(d.gains(Kind.EXCLUSION)));
        ScopeDiff gone = ScopeDiff.between(copy(src, null, List.of(), null, null), src);
        assertEquals("differs: 1 exclusion", gone.summary());
        assertEquals(List.of("10.1.0.1-10.1.0.9"), keys(gone.loses(Kind.EXCLUSION)));
    }

    @Test
    void aReservationWithAnotherClientIsReplaced() {
        ScopeConfig src = source();
        List<WinReservation> res = new ArrayList<>(src.reservations());
        res.set(1, res("10.1.0.51", "ee-ee-ee-ee-ee-ee", ""));
        ScopeDiff d = ScopeDiff.between(src, copy(src, null, null, res, null));
        assertEquals("differs: 1 reservation", d.summary());
        assertEquals(List.of("10.1.0.51"), keys(d.loses()));
        assertEquals(List.of("10.1.0.51"), keys(d.gains()));
        assertEquals(List.of("10.1.0.51"), d.changedKeys(Kind.RESERVATION));
    }

    @Test
    void optionsByIdInNumericOrder() {
        ScopeConfig src = source();
        List<WinOptionValue> opts = new ArrayList<>(src.options());
        opts.add(opt(15, null, "example.com"));
        opts.remove(1);  // option 6 only on the source
        ScopeDiff d = ScopeDiff.between(src, copy(src, null, null, null, opts));
        assertEquals("differs: options 6, 15", d.summary());
        assertEquals(List.of("15"), keys(d.loses(Kind.SCOPE_OPTION)));
        assertEquals(List.of("6"), keys(d.gains(Kind.SCOPE_OPTION)));
    }

    @Test
    void optionsOnReservationsByAddressAndId() {
        ScopeConfig src = source();
        List<WinOptionValue> opts = List.of(opt(3, null, "10.1.0.1"), opt(6, null, "10.0.0.1", "10.0.0.2"),
                opt(3, "10.1.0.51", "10.1.0.254"));
        ScopeDiff d = ScopeDiff.between(src, copy(src, null, null, null, opts));
        assertEquals("differs: reservation options 3, 6", d.summary());
        assertEquals(List.of("10.1.0.51 option 3"), keys(d.loses(Kind.RESERVATION_OPTION)));
        assertEquals(List.of("10.1.0.50 option 6"), keys(d.gains(Kind.RESERVATION_OPTION)));
        assertEquals("option 6 on 10.1.0.50 (option 6): 10.0.0.9", d.gains(Kind.RESERVATION_OPTION).get(0).text());
        assertEquals(List.of(), d.loses(Kind.SCOPE_OPTION));
    }

    @Test
    void everyKindInOneSummaryAndAddressesInNumericOrder() {
        ScopeConfig src = source();
        WinScope renamed = new WinScope(S, "Old office", "255.255.255.0", "10.1.0.10", "10.1.0.200", "Active", "Dhcp",
                691200L, "");
        ScopeConfig dst = new ScopeConfig(renamed, List.of(),
                List.of(res("10.1.0.100", "ff-ff-ff-ff-ff-ff", ""), res("10.1.0.9", "99-99-99-99-99-99", "")),
                List.of(opt(3, null, "10.1.0.1")));
        ScopeDiff d = ScopeDiff.between(src, dst);
        assertEquals("differs: name, 1 exclusion, 5 reservations, option 6, reservation option 6", d.summary());
        assertEquals(List.of("10.1.0.9", "10.1.0.100"), keys(d.loses(Kind.RESERVATION)));
        assertEquals(List.of("10.1.0.9", "10.1.0.50", "10.1.0.51", "10.1.0.52", "10.1.0.100"),
                d.changedKeys(Kind.RESERVATION));
        assertEquals(List.of(Kind.PROPERTY, Kind.EXCLUSION, Kind.RESERVATION, Kind.RESERVATION, Kind.RESERVATION,
                Kind.SCOPE_OPTION, Kind.RESERVATION_OPTION), d.gains().stream().map(Item::kind).toList());
    }

    @Test
    void aScopeOnTheSourceOnlyIsGainedWhole() {
        ScopeDiff d = ScopeDiff.onlyOnSource(source());
        assertEquals(Presence.SOURCE_ONLY, d.presence());
        assertFalse(d.isEmpty());
        assertEquals("only on the source", d.summary());
        assertEquals("only on dhcp1", d.summary("dhcp1", "dhcp2"));
        assertEquals(List.of(), d.loses());
        assertEquals(7, d.gains(Kind.PROPERTY).size());
        assertEquals(1, d.gains(Kind.EXCLUSION).size());
        assertEquals(3, d.gains(Kind.RESERVATION).size());
        assertEquals(2, d.gains(Kind.SCOPE_OPTION).size());
        assertEquals(1, d.gains(Kind.RESERVATION_OPTION).size());
        assertEquals(S, d.scopeId());
    }

    @Test
    void aScopeOnTheDestinationOnlyIsLostWhole() {
        ScopeDiff d = ScopeDiff.onlyOnDestination(source());
        assertEquals(Presence.DESTINATION_ONLY, d.presence());
        assertEquals("only on dhcp2", d.summary("dhcp1", "dhcp2"));
        assertEquals(List.of(), d.gains());
        assertEquals(14, d.loses().size());
        assertEquals(ScopeDiff.between(null, source()).loses(), d.loses());
    }

    @Test
    void twoDifferentScopesCannotBeCompared() {
        ScopeConfig other = new ScopeConfig(new WinScope("10.2.0.0", "", "", "", "", "", "", null, ""), null, null, null);
        assertThrows(IllegalArgumentException.class, () -> ScopeDiff.between(source(), other));
        assertThrows(IllegalArgumentException.class, () -> ScopeDiff.between(null, null));
    }
}
