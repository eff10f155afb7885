package tandem.ui;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tandem.core.config.ConfigRow;
import tandem.core.config.ConfigTables;
import tandem.ui.ConfigurationViewModel.Kind;

/** Reading, filtering and sorting the configuration tables, without JavaFX controls. */
class ConfigurationViewModelTest {
    private static ConfigTables tables() {
        return new ConfigTables("hq", "server1", Instant.parse("2026-01-01T10:00:00Z"),
                List.of(new ConfigRow.Subnet("10.10.10.0/24", "10", null, 1, 2, 100L, 50L, "lab"),
                        new ConfigRow.Subnet("10.10.2.0/24", "2", "campus", 1, 0, 100L, 5L, null),
                        new ConfigRow.Subnet("10.10.1.0/24", "1", null, 1, 1, null, null, "Office")),
                List.of(new ConfigRow.Pool("10.10.1.0/24", "10.10.1.100 - 10.10.1.200", null)),
                List.of(new ConfigRow.Reservation("10.10.1.0/24", "hw-address 02:00:00:00:00:01", "10.10.1.10", "printer-1", null),
                        new ConfigRow.Reservation("10.10.10.0/24", "hw-address 02:00:00:00:00:02", "10.10.10.10", "host-2", null),
                        new ConfigRow.Reservation("10.10.10.0/24", "hw-address 02:00:00:00:00:03", "10.10.10.11", "Printer-3", null)),
                List.of(new ConfigRow.Option("global", "domain-name", 15, "example.org")),
                List.of(), List.of());
    }

    private static ConfigurationViewModel model(AtomicInteger reads) {
        return new ConfigurationViewModel(BackgroundTasks.direct(), name -> name.equals("hq")
                ? Optional.of(new ConfigurationViewModel.Reading("server1", () -> {
                    reads.incrementAndGet();
                    return tables();
                }))
                : Optional.empty());
    }

    @Test
    void showingARelationshipReadsItsTablesOnceAndSaysWhereFrom() {
        AtomicInteger reads = new AtomicInteger();
        ConfigurationViewModel vm = model(reads);
        // the selectors show each table's count when the tables arrive: the rows must be there by then
        java.util.List<Integer> countsWhenRead = new java.util.ArrayList<>();
        vm.tablesProperty().addListener((o, was, now) -> {
            if (now != null) countsWhenRead.add(vm.total(Kind.RESERVATIONS));
        });
        vm.show("hq");
        assertEquals(java.util.List.of(3), countsWhenRead);
        assertEquals(3, vm.rows(Kind.SUBNETS).size());
        assertEquals(3, vm.rows(Kind.RESERVATIONS).size());
        assertTrue(vm.messageProperty().get().startsWith("Read from server1"), vm.messageProperty().get());
        vm.show("hq");
        assertEquals(1, reads.get(), "showing the same relationship again reads nothing");
        vm.refresh();
        assertEquals(2, reads.get());
        vm.show("other");
        assertEquals(0, vm.rows(Kind.SUBNETS).size());
        assertTrue(vm.messageProperty().get().contains("cannot show"), vm.messageProperty().get());
    }

    @Test
    void aFailedReadIsSaidPlainlyAndLeavesNoRows() {
        ConfigurationViewModel vm = new ConfigurationViewModel(BackgroundTasks.direct(), name -> Optional.of(
                new ConfigurationViewModel.Reading("server1", () -> { throw new IOException("No server of hq answered config-get"); })));
        vm.show("hq");
        assertEquals(MessageKind.ERROR, vm.messageKindProperty().get());
        assertEquals("Could not read the configuration of hq: No server of hq answered config-get", vm.messageProperty().get());
        assertEquals(0, vm.rows(Kind.SUBNETS).size());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void theFilterMatchesEveryWordTypedIgnoringCaseOnTheShownTableOnly() {
        ConfigurationViewModel vm = model(new AtomicInteger());
        vm.show("hq");
        vm.shownProperty().set(Kind.RESERVATIONS);
        vm.filterProperty().set("PRINTER");
        assertEquals(List.of("printer-1", "Printer-3"), vm.rows(Kind.RESERVATIONS).stream()
                .map(r -> ((ConfigRow.Reservation) r).hostname()).toList());
        vm.filterProperty().set("printer 10.10.10.");
        assertEquals(1, vm.rows(Kind.RESERVATIONS).size());
        assertEquals(3, vm.rows(Kind.SUBNETS).size(), "the subnets are not the shown table");
        vm.shownProperty().set(Kind.SUBNETS);
        assertEquals(0, vm.rows(Kind.SUBNETS).size(), "the filter follows the shown table");
        assertEquals(3, vm.rows(Kind.RESERVATIONS).size(), "and leaves the one no longer shown whole");
        vm.filterProperty().set("office");
        assertEquals("10.10.1.0/24", ((ConfigRow.Subnet) vm.rows(Kind.SUBNETS).get(0)).subnet());
        vm.filterProperty().set("  ");
        assertEquals(3, vm.rows(Kind.SUBNETS).size());
    }

    @Test
    void aNewReadKeepsTheFilterTyped() {
        ConfigurationViewModel vm = model(new AtomicInteger());
        vm.show("hq");
        vm.filterProperty().set("campus");
        vm.refresh();
        assertEquals(1, vm.rows(Kind.SUBNETS).size());
    }

    @Test
    void sortingByTheComparatorTheTableGivesOrdersAddressesAndNumbersNaturally() {
        ConfigurationViewModel vm = model(new AtomicInteger());
        vm.show("hq");
        Comparator<ConfigRow> bySubnet = Comparator.comparing(r -> ((ConfigRow.Subnet) r).subnet(), NaturalOrder.INSTANCE);
        vm.sorted(Kind.SUBNETS).setComparator(bySubnet);
        assertEquals(List.of("10.10.1.0/24", "10.10.2.0/24", "10.10.10.0/24"), subnets(vm));
        vm.sorted(Kind.SUBNETS).setComparator(Comparator.comparing(r -> ((ConfigRow.Subnet) r).utilization(),
                Comparator.nullsLast(Comparator.<Double>naturalOrder()).reversed()));
        assertEquals(List.of("10.10.1.0/24", "10.10.10.0/24", "10.10.2.0/24"), subnets(vm), "unknown first when reversed");
        vm.filterProperty().set("10.10.1");
        vm.sorted(Kind.SUBNETS).setComparator(bySubnet.reversed());
        assertEquals(List.of("10.10.10.0/24", "10.10.1.0/24"), subnets(vm), "filtered and sorted together");
    }

    @Test
    void aReadHandsOverTheRowsAlreadyInTheOrderChosenSortedInTheBackground() {
        List<ConfigRow.Subnet> many = new java.util.ArrayList<>();
        for (int i = 999; i >= 0; i--) many.add(new ConfigRow.Subnet("10.10." + i + ".0/24", String.valueOf(i), null, 0, 0, null, null, null));
        ConfigTables big = new ConfigTables("big", "server1", Instant.parse("2026-01-01T10:00:00Z"), many,
                List.of(), List.of(), List.of(), List.of(), List.of());
        // the work runs "in the background" (flag set), its outcome "on the FX thread" (flag clear)
        java.util.concurrent.atomic.AtomicBoolean background = new java.util.concurrent.atomic.AtomicBoolean();
        BackgroundTasks tasks = new BackgroundTasks(r -> {
            background.set(true);
            try {
                r.run();
            } finally {
                background.set(false);
            }
        }, r -> {
            boolean was = background.getAndSet(false);
            try {
                r.run();
            } finally {
                background.set(was);
            }
        });
        ConfigurationViewModel vm = new ConfigurationViewModel(tasks,
                name -> Optional.of(new ConfigurationViewModel.Reading("server1", () -> big)));
        AtomicInteger onFx = new AtomicInteger();
        Comparator<ConfigRow> bySubnet = (a, b) -> {
            if (!background.get()) onFx.incrementAndGet();
            return NaturalOrder.INSTANCE.compare(((ConfigRow.Subnet) a).subnet(), ((ConfigRow.Subnet) b).subnet());
        };
        vm.sorted(Kind.SUBNETS).setComparator(bySubnet); // as a remembered sort sets it before the first read
        vm.show("big");
        assertEquals("10.10.0.0/24", subnets(vm).get(0));
        assertEquals("10.10.999.0/24", subnets(vm).get(999));
        // sorting 1,000 rows takes about 9,000 comparisons; rows already in order, one pass
        assertTrue(onFx.get() <= 2 * many.size(), onFx.get() + " comparisons on the FX thread");
        vm.sorted(Kind.SUBNETS).setComparator(bySubnet.reversed());
        assertEquals("10.10.999.0/24", subnets(vm).get(0), "a header click still sorts");
    }

    @Test
    void naturalOrderComparesDigitRunsByValue() {
        assertTrue(NaturalOrder.INSTANCE.compare("host-9", "host-10") < 0);
        assertTrue(NaturalOrder.INSTANCE.compare("10.10.2.0/24", "10.10.10.0/24") < 0);
        assertTrue(NaturalOrder.INSTANCE.compare("a", "B") < 0);
        assertEquals(0, NaturalOrder.INSTANCE.compare("x07", "x7"));
        assertTrue(NaturalOrder.CELLS.compare(9L, 10L) < 0);
        assertTrue(NaturalOrder.CELLS.compare(null, 10L) > 0, "empty cells last");
    }

    private static List<String> subnets(ConfigurationViewModel vm) {
        return vm.rows(Kind.SUBNETS).stream().map(r -> ((ConfigRow.Subnet) r).subnet()).toList();
    }
}
