package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.lease.Lease;

/** dhcpd's lease file: the blocks as dhcpd writes them, the last block of an address winning. */
class IscLeaseFileTest {
    @TempDir Path dir;

    /** In dhcpd.leases(5)'s format: an address leased, then released, then leased again to another client. */
    private static final String FILE = """
            # The format of this file is documented in the dhcpd.leases(5) manual page.
            # This lease file was written by isc-dhcp-4.4.3-P1

            # authoring-byte-order entry is generated, DO NOT DELETE
            authoring-byte-order little-endian;

            failover peer "fo-pair" state {
              my state normal at 3 2026/12/02 11:00:00;
              partner state normal at 3 2026/12/02 11:00:00;
            }
            server-duid "\\000\\001\\000\\001";

            lease 10.10.0.150 {
              starts 3 2026/12/02 11:00:00;
              ends 3 2026/12/02 11:10:00;
              cltt 3 2026/12/02 11:00:00;
              binding state active;
              next binding state expired;
              rewind binding state free;
              hardware ethernet 0a:00:00:00:01:50;
              uid "\\001\\012\\000\\000\\000\\001P";
              client-hostname "first";
            }
            lease 10.10.0.151 {
              starts epoch 1764673200; # Wed Dec 02 11:00:00 2026
              ends never;
              binding state active;
              hardware ethernet 0A:00:00:00:01:51;
              client-hostname "with \\"quotes\\" {and braces};";
            }
            lease 10.10.0.150 {
              starts 3 2026/12/02 11:05:00;
              ends 3 2026/12/02 11:05:00;
              binding state free;
              hardware ethernet 0a:00:00:00:01:50;
            }
            host fixed { hardware ethernet 0a:00:00:00:09:09; fixed-address 10.10.0.9; }
            lease 10.10.0.150 {
              starts 3 2026/12/02 11:06:00;
              ends 3 2026/12/02 11:16:00;
              binding state active;
              hardware ethernet 0a:00:00:00:02:50;
              client-hostname "second";
            }
            lease 10.10.0.152 {
              starts 3 2026/12/02 11:06:00;
              binding state act""";

    @Test
    void theLastBlockOfAnAddressWinsAndOtherBlocksAreSkipped() {
        List<Lease> leases = IscLeaseFile.parse(FILE);
        assertEquals(List.of("10.10.0.151", "10.10.0.150", "10.10.0.152"), leases.stream().map(Lease::ip).toList());
        Lease second = leases.get(1);
        assertEquals("0a:00:00:00:02:50", second.mac());
        assertEquals("second", second.hostname());
        assertEquals("active", second.state());
        assertEquals(Instant.parse("2026-12-02T11:16:00Z").getEpochSecond(), second.expires());
        Lease never = leases.get(0);
        assertEquals(0, never.expires());
        assertEquals("0a:00:00:00:01:51", never.mac());
        assertEquals("with \"quotes\" {and braces};", never.hostname());
        // a block dhcpd was still writing when the file was read: its address, without a binding state yet
        assertEquals("free", leases.get(2).state());
    }

    /**
     * The real dhcpd reads a lease file at start and writes it anew in its own words, with its failover pool's free
     * and backup addresses: the lease given to it comes back from dhcpd's own writing, the pool's addresses are left
     * out, and the lease lands in its dhcpd.conf subnet. Read through a shell, as the console reads it over SSH.
     */
    @Test
    void readsTheFileTheRealDhcpdWrote() throws Exception {
        Instant ends = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String when = java.time.format.DateTimeFormatter.ofPattern("e yyyy/MM/dd HH:mm:ss")
                .withZone(java.time.ZoneOffset.UTC).format(ends);
        String start = java.time.format.DateTimeFormatter.ofPattern("e yyyy/MM/dd HH:mm:ss")
                .withZone(java.time.ZoneOffset.UTC).format(ends.minus(1, ChronoUnit.HOURS));
        Path seeded = dir.resolve("primary.leases");
        Files.writeString(seeded, "lease 10.10.0.150 {\n  starts " + start + ";\n  ends " + when + ";\n"
                + "  binding state active;\n  next binding state expired;\n  hardware ethernet 0a:00:00:00:01:50;\n"
                + "  client-hostname \"lonely\";\n}\n");
        String written;
        List<Lease> read;
        Map<Long, String> subnets = new LinkedHashMap<>();
        try (DhcpdPair pair = DhcpdPair.start(dir)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            do {
                Thread.sleep(300);
                written = Files.readString(seeded);
            } while (!(written.contains("written by") && written.contains("binding state backup"))
                    && System.nanoTime() < deadline);
            assertTrue(written.contains("written by"), "dhcpd did not rewrite its lease file:\n" + written + pair.log(0));
            // the lab starts dhcpd with -lf; a server's dhcpd.conf names its file with lease-file-name
            Path conf = dir.resolve("as-read.conf");
            Files.writeString(conf, DhcpdPair.config(true) + "lease-file-name \"" + seeded + "\";\n");
            read = IscLeaseSource.read(pair.shell(0), conf.toString(), subnets);
        }
        String text = written;
        List<Lease> all = IscLeaseFile.parse(text);
        assertTrue(all.stream().anyMatch(l -> l.state().equals("free") || l.state().equals("backup")),
                "dhcpd writes its pool's addresses:\n" + written);
        Lease lonely = all.stream().filter(l -> l.ip().equals("10.10.0.150")).findFirst().orElseThrow(
                () -> new AssertionError("dhcpd dropped the lease:\n" + text));
        assertEquals("active", lonely.state(), written);
        assertEquals("0a:00:00:00:01:50", lonely.mac());
        assertEquals("lonely", lonely.hostname());
        assertEquals(ends.getEpochSecond(), lonely.expires());

        long subnet = (10L << 24) | (10L << 16);
        assertEquals(Map.of(subnet, "10.10.0.0/24"), subnets);
        assertEquals(List.of(new Lease("10.10.0.150", "0a:00:00:00:01:50", "lonely", subnet, ends.getEpochSecond(), "active")),
                read, written);
    }
}
