package tandem.kea.change;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class Ipv6Test {
    @Test
    void addressesParseAndPrintInTheirShortForm() {
        assertEquals("2001:db8::1", Ipv6.format(Ipv6.parse("2001:0DB8:0:0:0:0:0:1")));
        assertEquals("::", Ipv6.format(Ipv6.parse("::")));
        assertEquals("2001:db8:0:1::", Ipv6.format(Ipv6.parse("2001:db8:0:1:0:0:0:0")));
        assertEquals("1:0:2::", Ipv6.format(Ipv6.parse("1:0:2:0:0:0:0:0")), "the longest zero run is shortened");
        assertEquals(new BigInteger("ffff0a000001", 16), Ipv6.parse("::ffff:10.0.0.1"), "IPv4-mapped");
        for (String bad : new String[] {"10.0.0.1", "2001:db8::g", "2001:db8:::1", "fe80::1%eth0", "host.example",
                "1:2:3:4:5:6:7:8:9", "", " "}) {
            assertNull(Ipv6.parse(bad), bad);
        }
        assertNull(Ipv6.parse(null));
    }

    @Test
    void prefixesRefuseHostBitsAndSayWhichPrefixWasMeant() {
        assertEquals("2001:db8:1::/64", Ipv6.prefix(" 2001:DB8:1:0::/64 ").toString());
        assertNull(Ipv6.prefix("2001:db8:1::1/64"));
        assertEquals("2001:db8:1::1/64 is not an IPv6 prefix: its host bits are set (the prefix is 2001:db8:1::/64)",
                Ipv6.prefixProblem("2001:db8:1::1/64"));
        assertEquals("2001:db8::/129 is not an IPv6 prefix such as 2001:db8:1::/64", Ipv6.prefixProblem("2001:db8::/129"));
        assertNull(Ipv6.prefix("2001:db8::/064"), "no leading zeros in the length");
        assertNull(Ipv6.prefix("2001:db8::"));
        assertEquals(128, Ipv6.prefix("2001:db8::5/128").length());
    }

    @Test
    void poolsLieWithinTheirSubnet() {
        assertNull(Ipv6.poolProblem("2001:db8:1::100 - 2001:db8:1::1ff", "2001:db8:1::/64"));
        assertNull(Ipv6.poolProblem("2001:db8:1::100/120", "2001:db8:1::/64"));
        assertEquals("Pool 2001:db8:2::1-2001:db8:2::9 is not within subnet 2001:db8:1::/64",
                Ipv6.poolProblem("2001:db8:2::1-2001:db8:2::9", "2001:db8:1::/64"));
        assertEquals("2001:db8:1::9 - 2001:db8:1::1 is not a pool such as 2001:db8:1::100 - 2001:db8:1::1ff",
                Ipv6.poolProblem("2001:db8:1::9 - 2001:db8:1::1", "2001:db8:1::/64"));
    }

    @Test
    void aPrefixDelegationPoolDelegatesPrefixesNoShorterThanItself() {
        assertNull(Ipv6.pdPoolProblem("2001:db9::/56", 64));
        assertEquals("The delegated length must be from 56 (the pool's own) to 128, got 48", Ipv6.pdPoolProblem("2001:db9::/56", 48));
        assertEquals("Give the length of the delegated prefixes, e.g. 64", Ipv6.pdPoolProblem("2001:db9::/56", null));
        assertTrue(Ipv6.pdPoolProblem("2001:db9::1/56", 64).contains("host bits are set"));
    }

    @Test
    void duidsAreHexBytesWithOrWithoutColons() {
        assertNull(ReservationSyntax.duidProblem("00:03:00:01:AA:bb:cc:dd:ee:ff"));
        assertNull(ReservationSyntax.duidProblem("000300010203"));
        assertEquals("00:03:00:01:02:03", ReservationSyntax.duidNormal("000300010203"));
        assertEquals("00:03:00:01:aa:bb", ReservationSyntax.duidNormal(" 00:03:00:01:AA:BB "));
        assertNotNull(ReservationSyntax.duidProblem("0:3"));
        assertNotNull(ReservationSyntax.duidProblem("00:03:0g"));
        assertNotNull(ReservationSyntax.duidProblem("00" + ":00".repeat(128)), "at most 128 bytes");
    }

    @Test
    void theCommandLineChecksTakeEitherFamilyAndTheRelationshipDecides() {
        assertNull(KeaAddresses.networkProblem("2001:db8:1::/64"));
        assertNull(KeaAddresses.networkProblem("10.0.0.0/24"));
        assertEquals("2001:db8:zz::/64 is not an IPv6 prefix such as 2001:db8:1::/64", KeaAddresses.networkProblem("2001:db8:zz::/64"));
        assertEquals("10.0.0.5 - 10.0.0.9 is not a pool of 2001:db8:1::/64: give IPv6 addresses",
                KeaAddresses.poolProblem("10.0.0.5 - 10.0.0.9", "2001:db8:1::/64"));
        assertEquals("2001:db8::5 is not an address of subnet 10.0.0.0/24: give an IPv4 address",
                KeaAddresses.reservationProblem("2001:db8::5", "10.0.0.0/24"));
        assertNull(KeaAddresses.familyProblem("2001:db8:1::/64", tandem.core.ServiceType.DHCPV6));
        assertEquals("2001:db8:1::/64 is IPv6, but this is a DHCPv4 relationship: give an IPv4 network such as 10.0.0.0/24",
                KeaAddresses.familyProblem("2001:db8:1::/64", tandem.core.ServiceType.DHCPV4));
    }
}
