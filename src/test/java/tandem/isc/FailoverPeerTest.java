package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tandem.isc.FailoverPeer.Field;

/** Field validation, one problem at the field that caused it. */
class FailoverPeerTest {
    private static Map<Field, String> valid() {
        return FailoverPeerForm.fieldsOf(FailoverPeer.suggestedPrimary("fo", "10.0.0.1", "10.0.0.2"));
    }

    @Test
    void theSuggestedPrimaryIsValidWithPort647AndTheSeedsSuggestions() {
        FailoverPeer p = FailoverPeer.suggestedPrimary("fo", "10.0.0.1", "10.0.0.2");
        assertTrue(p.validate().isEmpty(), p.validate().toString());
        assertEquals(647, p.port());
        assertEquals(10, p.maxUnackedUpdates());
        assertEquals(128, p.split());
        assertEquals(3, p.loadBalanceMaxSeconds());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NAME | NULL | needs a name",
            "NAME | \"quoted\" | use 1-63 letters",
            "ROLE | NULL | choose primary or secondary",
            "ROLE | tertiary | must be primary or secondary",
            "ADDRESS | NULL | required",
            "ADDRESS | 10.0.0.256 | not an IPv4 address or DNS name",
            "ADDRESS | bad_host! | not an IPv4 address or DNS name",
            "PORT | 0 | from 1 to 65535",
            "PORT | 70000 | from 1 to 65535",
            "PORT | abc | must be a whole number",
            "PEER_ADDRESS | NULL | required",
            "PEER_PORT | -1 | from 1 to 65535",
            "MAX_RESPONSE_DELAY | NULL | required",
            "MAX_RESPONSE_DELAY | 0 | positive",
            "MAX_UNACKED_UPDATES | NULL | required",
            "MCLT | NULL | the primary needs a max client lead time",
            "SPLIT | NULL | the primary needs a split",
            "SPLIT | 257 | from 0 to 256",
            "SPLIT | -1 | from 0 to 256",
            "LOAD_BALANCE_MAX_SECONDS | -3 | cannot be negative",
    })
    void eachBadFieldIsReportedAtThatField(Field field, String value, String message) {
        Map<Field, String> in = new EnumMap<>(valid());
        in.put(field, value);
        FailoverPeerForm.Result r = FailoverPeerForm.read(in);
        assertTrue(!r.ok());
        assertTrue(r.problemsAt(field).stream().anyMatch(p -> p.isError() && p.message().contains(message)), r.problems().toString());
        assertTrue(r.problems().stream().allMatch(p -> p.field() == field || !p.isError()), r.problems().toString());
    }

    @Test
    void aSecondaryMustNotCarryMcltOrSplit() {
        Map<Field, String> in = new EnumMap<>(valid());
        in.put(Field.ROLE, "secondary");
        FailoverPeerForm.Result r = FailoverPeerForm.read(in);
        assertTrue(r.problemsAt(Field.MCLT).get(0).message().contains("only the primary"));
        assertTrue(r.problemsAt(Field.SPLIT).get(0).message().contains("only the primary"));
        in.put(Field.MCLT, "");
        in.put(Field.SPLIT, " ");
        assertTrue(FailoverPeerForm.read(in).ok(), FailoverPeerForm.read(in).problems().toString());
    }

    @Test
    void blankPortsDefaultTo647AndUnusualValuesOnlyWarn() {
        Map<Field, String> in = new EnumMap<>(valid());
        in.put(Field.PORT, "");
        in.put(Field.PEER_PORT, null);
        in.put(Field.SPLIT, "200");
        in.put(Field.LOAD_BALANCE_MAX_SECONDS, "10");
        FailoverPeerForm.Result r = FailoverPeerForm.read(in);
        assertTrue(r.ok(), r.problems().toString());
        assertEquals(647, r.peer().port());
        assertEquals(647, r.peer().peerPort());
        assertEquals(2, r.problems().size());
        assertTrue(r.problems().stream().noneMatch(FailoverPeer.FieldProblem::isError));
    }

    @Test
    void talkingToItselfIsRefused() {
        Map<Field, String> in = new EnumMap<>(valid());
        in.put(Field.PEER_ADDRESS, "10.0.0.1");
        assertTrue(FailoverPeerForm.read(in).problemsAt(Field.PEER_PORT).get(0).message().contains("talk to itself"));
    }

    @Test
    void theMirrorSwapsAddressesAndDropsMcltAndSplit() {
        FailoverPeer p = new FailoverPeer("fo", FailoverRole.PRIMARY, "10.0.0.1", 647, "10.0.0.2", 847, 30, 10, 1800, 128, 3);
        FailoverPeer m = p.mirrored();
        assertEquals(new FailoverPeer("fo", FailoverRole.SECONDARY, "10.0.0.2", 847, "10.0.0.1", 647, 30, 10, null, null, 3), m);
        assertTrue(m.isValid());
        assertEquals(List.of("secondary", "address 10.0.0.2", "port 847", "peer address 10.0.0.1", "peer port 647",
                "max-response-delay 30", "max-unacked-updates 10", "load balance max seconds 3"), m.statements());
        assertNull(m.mclt());
    }
}
