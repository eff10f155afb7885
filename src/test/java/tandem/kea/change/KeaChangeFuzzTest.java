package tandem.kea.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import tandem.fuzz.FuzzFigures;

/**
 * Fuzzes applying a {@link KeaChange} to a Kea configuration, as the change service does for a preview, a rebase and
 * a replay: arbitrary configurations (built from the input, or the input read as JSON text) and arbitrary changes.
 *
 * <p>A change either is refused with {@link ChangeRefused} (a configuration with no Dhcp4 object with
 * {@link IllegalArgumentException}), leaving the configuration alone, or gives a configuration that is valid JSON,
 * contains the change, differs from the original only where the change acts, can be diffed, and is what the same
 * change read back from the journal gives. Its inverse applies to the result and, on a configuration Kea could hold
 * (subnets that are objects with distinct prefixes), gives back the original.
 *
 * <p>The normal build replays {@code KeaChangeFuzzTestInputs/}; {@code mvn -Pfuzz test} fuzzes (see the pom).
 */
class KeaChangeFuzzTest {
    private static final FuzzFigures FIGURES = new FuzzFigures("Kea change applied to a configuration");

    @FuzzTest
    void applyChange(FuzzedDataProvider data) throws Exception {
        FIGURES.run(() -> apply(data));
    }

    @AfterAll
    static void figures() {
        FIGURES.report();
        // the corpus really was replayed (an empty or misplaced Inputs folder would pass silently otherwise)
        assertTrue(FIGURES.inputs() > 5, "fuzz inputs run: " + FIGURES.inputs());
        // with jazzer.keep_going above 1 Jazzer reports the run as passed whatever it found
        assertEquals(0, FIGURES.crashes(), "crashing inputs (Jazzer saved them in the Inputs folder)");
    }

    private static void apply(FuzzedDataProvider data) throws JsonProcessingException {
        JsonNode config = KeaFuzzInputs.config(data);
        if (config == null) return; // JSON text that does not parse: Jackson's business, not ours
        KeaChange change = KeaFuzzInputs.change(data, config);
        JsonNode original = config.deepCopy();
        assertNotNull(change.describe());

        ObjectNode after;
        try {
            after = change.appliedTo(config);
        } catch (ChangeRefused refused) {
            assertNotNull(refused.getMessage());
            assertEquals(original, config, "a refused change leaves the configuration alone");
            return;
        } catch (IllegalArgumentException notKea) {
            assertFalse(config.path("Dhcp4").isObject(), "refused only without a Dhcp4 object: " + notKea.getMessage());
            return;
        }
        assertEquals(original, config, "the change was applied to a copy");
        ObjectNode before = (ObjectNode) config;

        String json = KeaConfigJson.MAPPER.writeValueAsString(after);
        assertEquals(json, KeaConfigJson.MAPPER.writeValueAsString(KeaConfigJson.MAPPER.readTree(json)), "the result is valid JSON");
        KeaChangeContains.assertContains(change, before, after);
        assertEquals(outside(before, change), outside(after, change), "nothing changed beyond the change's own place");
        ConfigDiff.unified("fuzz", before, after);

        // the journal keeps the change as JSON; replaying what it reads back gives the same configuration
        KeaChange replayed = KeaChangeService.fromJson(KeaChangeService.toJson(change));
        assertEquals(text(after), text(replayed.appliedTo(before)), "the journaled change applies the same way");

        KeaChange inverse = KeaChangeService.fromJson(KeaChangeService.toJson(change.inverse(before)));
        assertEquals(original, before, "working out the inverse leaves the configuration alone");
        ObjectNode undone = inverse.appliedTo(after);
        if (keaCouldHold(before)) {
            assertEquals(text(withoutEmptyArrays(before)), text(withoutEmptyArrays(undone)), "undo gives back the configuration");
        }
    }

    /** As JSON text: read back from the journal, 7 is an int where the change held a long (equal, not equals()). */
    private static String text(JsonNode node) {
        return KeaConfigJson.canonical(node);
    }

    /** The configuration without the part the change acts on (its subnet, the global reservations or the global options). */
    private static JsonNode outside(ObjectNode config, KeaChange change) {
        ObjectNode copy = config.deepCopy();
        ObjectNode dhcp4 = (ObjectNode) copy.get("Dhcp4");
        String subnet = KeaChangeContains.subnetOf(change);
        if (subnet != null) {
            JsonNode all = dhcp4.get("subnet4");
            if (all instanceof ArrayNode a) {
                for (Iterator<JsonNode> it = a.iterator(); it.hasNext(); ) {
                    if (it.next().path("subnet").asText().equals(subnet.strip())) it.remove();
                }
            }
        } else if (change instanceof KeaChange.RemoveReservation) {
            dhcp4.remove("reservations");  // a global reservation
        } else {
            dhcp4.remove("option-data");
        }
        return withoutEmptyArrays(copy);
    }

    /** A missing list and an empty one mean the same to Kea; changes may leave an empty one behind. */
    private static JsonNode withoutEmptyArrays(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.properties().removeIf(e -> e.getValue() instanceof ArrayNode a && a.isEmpty());
            o.forEach(KeaChangeFuzzTest::strip);
        } else if (node instanceof ArrayNode a) {
            a.forEach(KeaChangeFuzzTest::strip);
        }
    }

    /**
     * Subnets as Kea's config-get gives them: objects with distinct prefixes, in the order of their ids; otherwise
     * undo is not comparable (it cannot know which of two equal entries, or which position, was meant).
     */
    private static boolean keaCouldHold(ObjectNode config) {
        JsonNode all = config.path("Dhcp4").path("subnet4");
        if (all.isMissingNode()) return true;
        if (!all.isArray()) return false;
        Set<String> seen = new HashSet<>();
        long lastId = 0;
        for (JsonNode s : all) {
            if (!s.isObject() || !s.path("subnet").isTextual() || !s.path("id").canConvertToExactIntegral()) return false;
            if (s.path("id").asLong() <= lastId) return false;
            lastId = s.path("id").asLong();
            Ipv4.Range r = Ipv4.prefix(s.path("subnet").asText());
            if (r == null || !seen.add(r.toString()) || !s.path("subnet").asText().equals(s.path("subnet").asText().strip())) return false;
        }
        return true;
    }
}
