package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tandem.isc.PeerRules.PoolPeer;

/**
 * The seed's peer rules, as tables. Pools are written "a,b,-" (pool 1 refers to a, pool 2 to b, pool 3 to none);
 * assignments "2=c,3=-" (pool 2 to c, pool 3 to none).
 */
class PeerRulesTest {
    @ParameterizedTest(name = "peers [{0}], pools [{1}], add {2} for pool {3}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            // first peer: every pool refers to it, whichever pool it was added for
            "      | -,-,-   | x | 2    | 1=x,2=x,3=x | first failover peer",
            "      | -       | x | 1    | 1=x         | NULL",
            "      | -,-     | x | NULL | 1=x,2=x     | first failover peer",
            "      |         | x | NULL |             | NULL",
            // not the first: only the pool it was added for
            "a     | a,-,a   | x | 2    | 2=x         | NULL",
            "a     | a,-,a   | x | NULL |             | NULL",
            "a,b   | a,b,-   | x | 3    | 3=x         | NULL",
            // adding a peer for a pool that was the last one referring to another peer: that peer goes
            "a,b   | a,b     | x | 2    | 2=x         | delete \"b\"",
            // pools naming a peer declared in a file that includes these: not the first peer, and they keep it
            "      | o,o,o   | x | NULL |             | NULL",
            "      | o,-,o   | x | 2    | 2=x         | NULL",
            // asked for a pool that names such a peer: that pool changes; the peer, not declared here, is not deleted
            "      | o,-     | x | 1    | 1=x         | NULL",
    })
    void addingAPeer(String peers, String pools, String added, Integer forPool, String assignments, String warning) {
        PeerRules.Ready r = PeerRules.addPeer(list(peers), pools(pools), added, forPool);
        assertEquals(map(assignments), r.assignments());
        assertTrue(list(peers).containsAll(r.deletedPeers()), "only a declared peer is deleted: " + r.deletedPeers());
        if (warning == null) assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        else assertTrue(r.warnings().get(0).contains(warning), r.warnings().toString());
    }

    @ParameterizedTest(name = "peers [{0}], pools [{1}], delete {2} (chosen {3})")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            // the last peer: references removed
            "a     | a,a,-   | a | NULL | 1=-,2=-  | no longer use failover",
            "a     | -       | a | NULL |          | NULL",
            // exactly one other left: references move to it
            "a,b   | a,b,a   | a | NULL | 1=b,3=b  | the only other failover peer",
            "a,b   | b       | a | NULL |          | NULL",
            // two or more left: the administrator chooses
            "a,b,c | a,b,c,a | a | c    | 1=c,4=c  | NULL",
            "a,b,c | a,b,c,a | a | b    | 1=b,4=b  | NULL",
            // two or more left but nothing refers to the deleted one: nothing to ask
            "a,b,c | b,c     | a | NULL |          | NULL",
    })
    void deletingAPeer(String peers, String pools, String deleted, String chosen, String assignments, String warning) {
        PeerRules.Plan plan = PeerRules.deletePeer(list(peers), pools(pools), deleted, chosen);
        PeerRules.Ready r = assertInstanceOf(PeerRules.Ready.class, plan);
        assertEquals(map(assignments), r.assignments());
        assertEquals(List.of(deleted), r.deletedPeers());
        if (warning == null) assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        else assertTrue(r.warnings().get(0).contains(warning), r.warnings().toString());
    }

    @ParameterizedTest(name = "peers [{0}], pools [{1}], delete {2}: asks among {3}")
    @CsvSource(delimiter = '|', value = {
            "a,b,c   | a,b,c,a | a | b,c",
            "a,b,c,d | -,d     | d | a,b,c",
    })
    void deletingWithTwoOrMoreLeftAsksWhichPeer(String peers, String pools, String deleted, String options) {
        PeerRules.Plan plan = PeerRules.deletePeer(list(peers), pools(pools), deleted, null);
        PeerRules.NeedsChoice q = assertInstanceOf(PeerRules.NeedsChoice.class, plan);
        assertEquals(list(options), q.options());
        assertTrue(q.question().contains("\"" + deleted + "\""));
        assertThrows(IllegalArgumentException.class, () -> PeerRules.deletePeer(list(peers), pools(pools), deleted, deleted));
    }

    @ParameterizedTest(name = "peers [{0}], pools [{1}], pool {2} to {3}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            // the last reference to a: a is deleted, with a warning
            "a,b | a,b,b | 1 | b    | 1=b | a    | changing it will delete \"a\"",
            "a,b | a,b   | 1 | NULL | 1=- | a    | last address pool referring to failover peer \"a\"",
            // a still has another pool: no deletion, no warning
            "a,b | a,a,b | 1 | b    | 1=b | NULL | NULL",
            "a,b | -,a   | 1 | b    | 1=b | NULL | NULL",
            // no change
            "a,b | a,b   | 1 | a    |     | NULL | NULL",
    })
    void switchingAPool(String peers, String pools, int pool, String to, String assignments, String deleted, String warning) {
        PeerRules.Ready r = PeerRules.switchPoolPeer(list(peers), pools(pools), pool, to);
        assertEquals(map(assignments), r.assignments());
        assertEquals(deleted == null ? List.of() : List.of(deleted), r.deletedPeers());
        if (warning == null) assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        else assertTrue(r.warnings().get(0).contains(warning), r.warnings().toString());
    }

    private static List<String> list(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.stream(s.split(",")).map(String::strip).toList();
    }

    private static List<PoolPeer> pools(String s) {
        List<PoolPeer> out = new ArrayList<>();
        List<String> l = list(s);
        for (int i = 0; i < l.size(); i++) out.add(new PoolPeer(i + 1, l.get(i).equals("-") ? null : l.get(i)));
        return out;
    }

    private static Map<Integer, String> map(String s) {
        Map<Integer, String> m = new LinkedHashMap<>();
        for (String kv : list(s)) {
            String[] p = kv.split("=");
            m.put(Integer.parseInt(p[0]), p[1].equals("-") ? null : p[1]);
        }
        return m;
    }
}
