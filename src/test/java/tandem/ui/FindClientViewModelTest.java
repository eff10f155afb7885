package tandem.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tandem.core.lease.ClientFinder;
import tandem.core.lease.Lease;

/** Find client's model: a bad text is refused at the field, matches become rows that say who lacks them. */
class FindClientViewModelTest {
    @Test
    void searchesOnlyForAClientAndListsWhereItIs() {
        AtomicInteger searches = new AtomicInteger();
        Map<String, Object> partners = new LinkedHashMap<>();
        partners.put("a", new Lease("10.0.1.5", "02:00:00:00:00:05", "alone", 1, 0, "default"));
        partners.put("b", null);
        ClientFinder.Match m = new ClientFinder.Match("hq", "10.0.1.0/24", "lease", "10.0.1.5", "02:00:00:00:00:05",
                null, "alone", partners, false);
        FindClientViewModel vm = new FindClientViewModel(() -> new ClientFinder(() -> {
            searches.incrementAndGet();
            return List.of();
        }, r -> java.util.Optional.empty(), Duration.ofSeconds(1)), BackgroundTasks.direct());
        vm.queryProperty().set("10.0.0.300");
        vm.search();
        assertTrue(vm.problemProperty().get().contains("'10.0.0.300' is neither"), vm.problemProperty().get());
        assertEquals(0, searches.get(), "nothing searched");
        vm.queryProperty().set("alone");
        vm.search();
        assertNull(vm.problemProperty().get());
        assertEquals(1, searches.get());
        assertEquals("Nothing found for alone", vm.statusProperty().get());

        FindClientViewModel.Row row = FindClientViewModel.Row.of(m);
        assertEquals("a", row.partners());
        assertEquals("no: missing on b", row.agreement());
        assertEquals("02:00:00:00:00:05", row.client());
    }
}
