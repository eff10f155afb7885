package tandem.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One test per documented rule: each refusal names its field, and the same request without the fault passes. */
class FailoverRulesTest {
    /** dhcp1: 10.1/10.2 free, 10.3 in "old", 10.4 a Both scope, 10.5 also on dhcp2. */
    private static final ServerView A = ServerView.of("dhcp1",
            List.of(failover("old", "dhcp3", "Normal", "10.3.0.0")),
            List.of(scope("10.1.0.0", "Dhcp"), scope("10.2.0.0", "Dhcp"), scope("10.3.0.0", "Dhcp"),
                    scope("10.4.0.0", "Both"), scope("10.5.0.0", "Dhcp")));
    /** dhcp2: 10.5 standalone, 10.8 in "other" with dhcp4. */
    private static final ServerView B = ServerView.of("dhcp2",
            List.of(failover("other", "dhcp4", "Normal", "10.8.0.0")),
            List.of(scope("10.5.0.0", "Dhcp"), scope("10.8.0.0", "Dhcp")));

    private static WinScope scope(String id, String type) {
        return new WinScope(id, "s " + id, "255.255.255.0", "", "", "Active", type, 691200L, "");
    }

    private static WinFailover failover(String name, String partner, String state, String... scopes) {
        return new WinFailover(name, partner, "LoadBalance", state, "", "PrimaryServer", 50, null, 3600L, null,
                false, false, List.of(scopes));
    }

    private static FailoverRequest lb(List<String> scopes) {
        return FailoverRequest.loadBalance("fo1", "dhcp1", "dhcp2", scopes);
    }

    private static FailoverRequest lb() { return lb(List.of("10.1.0.0", "10.2.0.0")); }

    private static FailoverRequest hs() { return FailoverRequest.hotStandby("fo1", "dhcp1", "dhcp2", List.of("10.1.0.0")); }

    private static FailoverRequest with(FailoverRequest r, String name, Integer lbPercent, Integer reserve, String role,
                                        long mclt, long switchover) {
        return new FailoverRequest(name, r.serverA(), r.partnerB(), r.mode(), lbPercent, reserve, role, mclt,
                switchover, r.hasSharedSecret(), r.scopeIds());
    }

    private static FailoverRequest named(String name) { return with(lb(), name, 50, null, null, 3600, 0); }

    private static List<String> fields(List<FieldProblem> problems) {
        return problems.stream().map(FieldProblem::field).toList();
    }

    private static void refused(String field, FailoverRequest r) { refused(field, r, A, B); }

    private static void refused(String field, FailoverRequest r, ServerView a, ServerView b) {
        List<FieldProblem> p = FailoverRules.check(r, a, b);
        assertEquals(List.of(field), fields(p), p.toString());
    }

    private static void passes(FailoverRequest r) { passes(r, A, B); }

    private static void passes(FailoverRequest r, ServerView a, ServerView b) {
        assertEquals(List.of(), FailoverRules.check(r, a, b));
    }

    private static ServerView withRelationships(ServerView s, int count) {
        List<WinFailover> f = new ArrayList<>();
        for (int i = 0; i < count; i++) f.add(failover("r" + i, "x", "Normal"));
        return new ServerView(s.name(), f, s.scopes());
    }

    // ---- create

    @Test
    void validRequestsPassWithWindowsDefaults() {
        passes(lb());
        passes(hs());
        passes(lb(List.of()));  // a relationship may start empty
        FailoverRequest bare = new FailoverRequest("fo1", "dhcp1", "dhcp2", "HotStandby", null, null, null,
                FailoverRequest.DEFAULT_MCLT_SEC, 0, true, List.of("10.1.0.0")).withDefaults();
        assertEquals(5, bare.reservePercent());
        assertEquals("active", bare.serverRole());
        assertNull(bare.loadBalancePercent());
        passes(bare);
        FailoverRequest lbBare = new FailoverRequest("fo1", "dhcp1", "dhcp2", "load-balance", null, null, null,
                3600, 0, false, List.of()).withDefaults();
        assertEquals(50, lbBare.loadBalancePercent());
        assertNull(lbBare.serverRole());
        assertEquals(3600, lb().mcltSec());
    }

    @Test
    void nameIsRequired() {
        refused("NAME", named(""));
        refused("NAME", named("  "));
        refused("NAME", named(null));
    }

    @Test
    void nameHasAtMost126Characters() {
        passes(named("n".repeat(126)));
        refused("NAME", named("n".repeat(127)));
    }

    @Test
    void nameHasNoControlCharacters() {
        refused("NAME", named("fo\n1"));
        refused("NAME", named("fo\t1"));
        passes(named("dhcp1 <-> dhcp2 !@#$%^&*"));
    }

    @Test
    void nameIsUniqueOnBothServers() {
        refused("NAME", named("old"));
        refused("NAME", named("OLD"));
        refused("NAME", named("other"));
    }

    @Test
    void atMost31RelationshipsOnEachServer() {
        passes(lb(), withRelationships(A, 30), B);
        refused("--server", lb(), withRelationships(A, 31), B);
        passes(lb(), A, withRelationships(B, 30));
        refused("--partner", lb(), A, withRelationships(B, 31));
    }

    @Test
    void thePartnerIsAnotherServer() {
        FailoverRequest self = new FailoverRequest("fo1", "dhcp1", "DHCP1", "load-balance", 50, null, null, 3600, 0,
                false, List.of());
        refused("--partner", self);
        FailoverRequest none = new FailoverRequest("fo1", "dhcp1", "", "load-balance", 50, null, null, 3600, 0,
                false, List.of());
        refused("--partner", none);
    }

    @Test
    void modeIsLoadBalanceOrHotStandby() {
        FailoverRequest r = lb();
        refused("--mode", new FailoverRequest("fo1", "dhcp1", "dhcp2", "split-scope", null, null, null, 3600, 0,
                false, r.scopeIds()));
        refused("--mode", new FailoverRequest("fo1", "dhcp1", "dhcp2", null, null, null, null, 3600, 0, false,
                r.scopeIds()));
        passes(new FailoverRequest("fo1", "dhcp1", "dhcp2", "LoadBalance", 70, null, null, 3600, 0, false, r.scopeIds()));
    }

    @Test
    void loadBalancePercentOnlyWithLoadBalanceAndFrom0To100() {
        refused("--load-balance-percent", with(hs(), "fo1", 50, 5, "active", 3600, 0));
        refused("--load-balance-percent", with(lb(), "fo1", 101, null, null, 3600, 0));
        refused("--load-balance-percent", with(lb(), "fo1", -1, null, null, 3600, 0));
        passes(with(lb(), "fo1", 0, null, null, 3600, 0));
        passes(with(lb(), "fo1", 100, null, null, 3600, 0));
    }

    @Test
    void reservePercentOnlyWithHotStandbyAndFrom0To100() {
        refused("--reserve-percent", with(lb(), "fo1", 50, 5, null, 3600, 0));
        refused("--reserve-percent", with(hs(), "fo1", null, 101, "active", 3600, 0));
        refused("--reserve-percent", with(hs(), "fo1", null, -1, "active", 3600, 0));
        passes(with(hs(), "fo1", null, 0, "active", 3600, 0));
        passes(with(hs(), "fo1", null, 100, "active", 3600, 0));
    }

    @Test
    void serverRoleOnlyWithHotStandbyAndActiveOrStandby() {
        refused("--server-role", with(lb(), "fo1", 50, null, "active", 3600, 0));
        refused("--server-role", with(hs(), "fo1", null, 5, "primary", 3600, 0));
        passes(with(hs(), "fo1", null, 5, "Standby", 3600, 0));
        passes(with(hs(), "fo1", null, 5, null, 3600, 0));
    }

    @Test
    void mcltAboveZeroAndAtMostSevenDays() {
        refused("--mclt", with(lb(), "fo1", 50, null, null, 0, 0));
        refused("--mclt", with(lb(), "fo1", 50, null, null, -60, 0));
        refused("--mclt", with(lb(), "fo1", 50, null, null, FailoverRules.MAX_MCLT_SEC + 1, 0));
        passes(with(lb(), "fo1", 50, null, null, 1, 0));
        passes(with(lb(), "fo1", 50, null, null, 7 * 86400, 0));
    }

    @Test
    void switchoverIsOffOrPositive() {
        refused("--switchover-interval", with(lb(), "fo1", 50, null, null, 3600, -1));
        refused("--switchover-interval", with(lb(), "fo1", 50, null, null, 3600, 0x1_0000_0000L));
        passes(with(lb(), "fo1", 50, null, null, 3600, 0));
        FailoverRequest auto = with(lb(), "fo1", 50, null, null, 3600, 600);
        passes(auto);
        assertTrue(auto.automaticSwitchover());
    }

    @Test
    void eachScopeIsAValidScopeId() {
        refused("--scope", lb(List.of("10.1.0")));
        refused("--scope", lb(List.of("010.1.0.0")));
        refused("--scope", lb(List.of("10.1.0.0; Remove-Item")));
    }

    @Test
    void eachScopeExistsOnTheServer() {
        refused("--scope", lb(List.of("10.1.0.0", "10.7.0.0")));
    }

    @Test
    void eachScopeIsInNoOtherRelationship() {
        refused("--scope", lb(List.of("10.3.0.0")));
    }

    @Test
    void eachScopeIsAbsentOnThePartner() {
        refused("--scope", lb(List.of("10.5.0.0")));
        // in a relationship of the partner's while it lacks the scope (a half-done state): refused as well
        ServerView odd = ServerView.of("dhcp2", List.of(failover("other", "dhcp4", "Normal", "10.2.0.0")), List.of());
        refused("--scope", lb(List.of("10.2.0.0")), A, odd);
    }

    @Test
    void eachScopeServesDhcpOnly() {
        refused("--scope", lb(List.of("10.4.0.0")));
        // a scope known by its id only is not refused for its type
        ServerView idsOnly = ServerView.ofScopeIds("dhcp1", List.of(), Set.of("10.4.0.0"));
        passes(lb(List.of("10.4.0.0")), idsOnly, B);
    }

    @Test
    void eachScopeGivenOnce() {
        refused("--scope", lb(List.of("10.1.0.0", "10.1.0.0")));
    }

    @Test
    void atMost400ScopesPerCall() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 401; i++) ids.add("10." + (i / 256) + "." + (i % 256) + ".0");
        ServerView many = ServerView.ofScopeIds("dhcp1", List.of(), Set.copyOf(ids));
        refused("--scope", lb(ids), many, B);
        passes(lb(ids.subList(0, 400)), many, B);
    }

    @Test
    void clocksWithinAMinute() {
        assertNull(FailoverRules.clockProblem(60));
        assertNull(FailoverRules.clockProblem(-60));
        assertEquals("--partner", FailoverRules.clockProblem(61).field());
        assertEquals("--partner", FailoverRules.clockProblem(-3600).field());
    }

    @Test
    void problemsReadAsFieldAndReason() {
        FieldProblem p = FailoverRules.check(lb(List.of("10.5.0.0")), A, B).get(0);
        assertEquals("--scope: scope 10.5.0.0 already exists on dhcp2; delete it there first (failover creates the"
                + " partner's copy)", p.toString());
    }

    // ---- add scopes to a relationship

    private static final ServerView A_FO = ServerView.of("dhcp1",
            List.of(failover("fo1", "dhcp2", "Normal", "10.1.0.0"), failover("old", "dhcp3", "Normal", "10.3.0.0")),
            List.of(scope("10.1.0.0", "Dhcp"), scope("10.2.0.0", "Dhcp"), scope("10.3.0.0", "Dhcp"),
                    scope("10.4.0.0", "Both"), scope("10.5.0.0", "Dhcp")));
    private static final ServerView B_FO = ServerView.of("dhcp2",
            List.of(failover("fo1", "dhcp1", "Normal", "10.1.0.0")),
            List.of(scope("10.1.0.0", "Dhcp"), scope("10.5.0.0", "Dhcp")));

    private static void addRefused(String field, String rel, List<String> scopes, ServerView a, ServerView b) {
        List<FieldProblem> p = FailoverRules.checkAddScopes(rel, scopes, a, b);
        assertEquals(List.of(field), fields(p), p.toString());
    }

    @Test
    void addScopePassesForAFreeScopeOfANormalRelationship() {
        assertEquals(List.of(), FailoverRules.checkAddScopes("fo1", List.of("10.2.0.0"), A_FO, B_FO));
    }

    @Test
    void addScopeNeedsTheRelationshipOnBothServers() {
        addRefused("--relationship", "nope", List.of("10.2.0.0"), A_FO, B_FO);
        addRefused("--relationship", "", List.of("10.2.0.0"), A_FO, B_FO);
        addRefused("--relationship", "fo1", List.of("10.2.0.0"), A_FO, ServerView.of("dhcp2", List.of(), List.of()));
    }

    @Test
    void addScopeNeedsNormalOnBothSides() {
        ServerView aCut = ServerView.of("dhcp1", List.of(failover("fo1", "dhcp2", "CommunicationInterrupted", "10.1.0.0")),
                List.of(scope("10.2.0.0", "Dhcp")));
        addRefused("--relationship", "fo1", List.of("10.2.0.0"), aCut, B_FO);
        ServerView bRecovering = ServerView.of("dhcp2", List.of(failover("fo1", "dhcp1", "RecoverWait", "10.1.0.0")),
                List.of());
        List<FieldProblem> p = FailoverRules.checkAddScopes("fo1", List.of("10.2.0.0"), A_FO, bRecovering);
        assertEquals(List.of("--relationship"), fields(p));
        assertEquals("--relationship: fo1 is recover-wait on dhcp2; Windows adds scopes only while both servers are"
                + " normal", p.get(0).toString());
    }

    @Test
    void addScopeChecksEachScope() {
        addRefused("SCOPEID", "fo1", List.of(), A_FO, B_FO);
        addRefused("SCOPEID", "fo1", List.of("10.7.0.0"), A_FO, B_FO);  // not on A
        addRefused("SCOPEID", "fo1", List.of("10.3.0.0"), A_FO, B_FO);  // in another relationship
        addRefused("SCOPEID", "fo1", List.of("10.1.0.0"), A_FO, B_FO);  // already in this one (and so on B)
        addRefused("SCOPEID", "fo1", List.of("10.5.0.0"), A_FO, B_FO);  // on the partner
        addRefused("SCOPEID", "fo1", List.of("10.4.0.0"), A_FO, B_FO);  // Both
        addRefused("SCOPEID", "fo1", List.of("10.2.0"), A_FO, B_FO);
    }

    // ---- remove scopes from a relationship

    @Test
    void removeScopeNeedsAMemberOfTheRelationship() {
        assertEquals(List.of(), FailoverRules.checkRemoveScopes("fo1", List.of("10.1.0.0"), A_FO));
        assertEquals(List.of("SCOPEID"), fields(FailoverRules.checkRemoveScopes("fo1", List.of("10.2.0.0"), A_FO)));
        assertEquals(List.of("SCOPEID"), fields(FailoverRules.checkRemoveScopes("fo1", List.of(), A_FO)));
        assertEquals(List.of("SCOPEID"), fields(FailoverRules.checkRemoveScopes("fo1", List.of("10.1.0.0", "10.1.0.0"), A_FO)));
        assertEquals(List.of("--relationship"), fields(FailoverRules.checkRemoveScopes("nope", List.of("10.1.0.0"), A_FO)));
    }

    // ---- change settings

    private static final ServerView A_HS = ServerView.of("dhcp1", List.of(new WinFailover("hs1", "dhcp2", "HotStandby",
            "Normal", "Active", "PrimaryServer", null, 5, 3600L, null, false, false, List.of("10.1.0.0"))), List.of());

    private static List<String> change(ServerView a, String rel, Integer lbPercent, Integer reserve, Long mclt, Long sw) {
        return fields(FailoverRules.checkChange(new FailoverChange(rel, lbPercent, reserve, mclt, sw), a));
    }

    @Test
    void changePassesForValidSettings() {
        assertEquals(List.of(), change(A_FO, "fo1", 70, null, 7200L, 600L));
        assertEquals(List.of(), change(A_HS, "hs1", null, 10, null, 0L));
    }

    @Test
    void changeChecksPercentagesAgainstTheRelationshipsMode() {
        assertEquals(List.of("--load-balance-percent"), change(A_HS, "hs1", 60, null, null, null));
        assertEquals(List.of("--reserve-percent"), change(A_FO, "fo1", null, 10, null, null));
        assertEquals(List.of("--load-balance-percent"), change(A_FO, "fo1", 101, null, null, null));
        assertEquals(List.of("--reserve-percent"), change(A_HS, "hs1", null, -1, null, null));
    }

    @Test
    void changeChecksMcltAndSwitchover() {
        assertEquals(List.of("--mclt"), change(A_FO, "fo1", null, null, 0L, null));
        assertEquals(List.of("--switchover-interval"), change(A_FO, "fo1", null, null, null, -5L));
    }

    @Test
    void changeNeedsAnExistingRelationshipAndSomethingToChange() {
        assertEquals(List.of("--relationship"), change(A_FO, "nope", null, null, 7200L, null));
        assertEquals(List.of("--relationship"), change(A_FO, "fo1", null, null, null, null));
    }
}
