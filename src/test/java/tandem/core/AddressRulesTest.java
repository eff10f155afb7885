package tandem.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The address, name and URL rules the command line, the console and the backends share. */
class AddressRulesTest {
    @Test
    void addressesWithLeadingZerosAreRefusedWithTheAddressMeant() {
        assertEquals(-1, AddressRules.ipv4("010.000.000.009"));
        assertEquals("010.000.000.009 is not an IPv4 address: write each number without leading zeros, e.g. 10.0.0.9",
                AddressRules.ipv4Problem("010.000.000.009"));
        assertEquals(0x0A000009L, AddressRules.ipv4("10.0.0.9"));
        assertEquals(0L, AddressRules.ipv4("0.0.0.0"));
        assertEquals(0xFFFFFFFFL, AddressRules.ipv4(" 255.255.255.255 "));
        for (String bad : new String[]{"10.0.0.256", "10.0.0", "10.0.0.1.2", "10..0.1", "a.b.c.d", "10.0.0.-1", "", "1e1.0.0.1",
                "10.0.0.1\n2"}) {
            assertEquals(-1, AddressRules.ipv4(bad), bad);
            assertTrue(AddressRules.ipv4Problem(bad).contains("is not an IPv4 address"), bad);
        }
        assertEquals("10.0.0.256 is not an IPv4 address", AddressRules.ipv4Problem("10.0.0.256"));
    }

    @Test
    void theBroadcastAndNetworkAddressesOfASubnetCannotBeReserved() {
        assertEquals("10.10.1.255 is the broadcast address of 10.10.1.0/24; no client can be given it",
                AddressRules.reservationProblem("10.10.1.255", "10.10.1.0/24"));
        assertEquals("10.10.1.0 is the network address of 10.10.1.0/24; no client can be given it",
                AddressRules.reservationProblem("10.10.1.0", "10.10.1.0/24"));
        assertNull(AddressRules.reservationProblem("10.10.1.254", "10.10.1.0/24"));
        assertNull(AddressRules.reservationProblem("10.10.1.1", "10.10.1.0/24"));
        assertEquals("10.10.2.5 is not within subnet 10.10.1.0/24", AddressRules.reservationProblem("10.10.2.5", "10.10.1.0/24"));
        assertTrue(AddressRules.reservationProblem("010.010.001.005", "10.10.1.0/24").contains("without leading zeros, e.g. 10.10.1.5"));
        // point-to-point and single-host networks have no network or broadcast address to keep free
        assertNull(AddressRules.reservationProblem("10.10.1.0", "10.10.1.0/31"));
        assertNull(AddressRules.reservationProblem("10.10.1.1", "10.10.1.0/31"));
        assertNull(AddressRules.reservationProblem("10.10.1.7", "10.10.1.7/32"));
        assertEquals("10.10.1.3 is the broadcast address of 10.10.1.0/30; no client can be given it",
                AddressRules.reservationProblem("10.10.1.3", "10.10.1.0/30"));
        // a subnet that is not a network is its own field's problem; the address alone is checked
        assertNull(AddressRules.reservationProblem("10.10.1.9", "nonsense"));
    }

    @Test
    void aNetworkWithHostBitsSetNamesTheNetworkMeant() {
        assertEquals("10.10.1.5/24 is not an IPv4 network: its host bits are set (the network is 10.10.1.0/24)",
                AddressRules.networkProblem("10.10.1.5/24"));
        assertNull(AddressRules.networkProblem("10.10.1.0/24"));
        assertEquals(new AddressRules.Network(0x0A0A0100L, 24), AddressRules.network(" 10.10.1.0/24 "));
        assertEquals("10.10.1.0/24", AddressRules.network("10.10.1.0/24").toString());
        assertEquals(0x0A0A01FFL, AddressRules.network("10.10.1.0/24").last());
        for (String bad : new String[]{"10.10.1.0", "10.10.1.0/33", "10.10.1.0/-1", "10.10.1.0/024", "10.10.1.0/", "/24",
                "10.10.1.0/24/1", "10.10.1.0/x"}) {
            assertNull(AddressRules.network(bad), bad);
            assertEquals(bad.strip() + " is not an IPv4 network such as 10.0.0.0/24", AddressRules.networkProblem(bad), bad);
        }
        assertEquals("010.010.001.000/24 is not an IPv4 network: write each number without leading zeros",
                AddressRules.networkProblem("010.010.001.000/24"));
        assertNull(AddressRules.networkProblem("0.0.0.0/0"));
    }

    @Test
    void macAddressesAreSixPairsWithOneKindOfSeparator() {
        assertTrue(AddressRules.mac("02:00:00:00:00:01"));
        assertTrue(AddressRules.mac("02-AB-00-00-00-01"));
        assertEquals("02:ab:00:00:00:01", AddressRules.normalMac("02-AB-00-00-00-01"));
        for (String bad : new String[]{"02:00:00:00:00", "02:00:00:00:00:01:02", "02:00-00:00:00:01", "0200.0000.0001",
                "02:00:00:00:00:0g", "02:00:00:00:00:01\nx", "", null}) {
            assertFalse(AddressRules.mac(bad), String.valueOf(bad));
            assertEquals("MAC address must look like 02:00:00:00:00:01", AddressRules.macProblem(bad));
        }
    }

    @Test
    void portsAreOneTo65535AndNothingElse() {
        for (String bad : new String[]{"-5", "0", "65536", "abc", "", " ", "7911x", "99999999999", "+80"}) {
            assertEquals("Port must be a number from 1 to 65535", AddressRules.portProblem(bad), bad);
        }
        assertNull(AddressRules.portProblem("7911"));
        assertNull(AddressRules.portProblem(" 1 "));
        assertNull(AddressRules.portProblem("65535"));
    }

    @Test
    void hostNamesAreDnsLabels() {
        assertNull(AddressRules.hostnameProblem("printer-2"));
        assertNull(AddressRules.hostnameProblem("printer-2.example.net."));
        assertEquals("bad_name is not a valid host name", AddressRules.hostnameProblem("bad_name"));
        assertEquals("a\\nb is not a valid host name", AddressRules.hostnameProblem("a\nb"));
        assertEquals("-x is not a valid host name", AddressRules.hostnameProblem("-x"));
    }

    @Test
    void namesWithLineBreaksQuotesOrNothingInThemAreRefused() {
        assertEquals("a failover peer name cannot contain control characters such as a line break (got fo\\npair)",
                TextRules.quotedNameProblem("fo\npair", "a failover peer name"));
        assertEquals("a failover peer name cannot contain \" or \\ (got fo\"pair)",
                TextRules.quotedNameProblem("fo\"pair", "a failover peer name"));
        assertEquals("a failover peer name cannot be empty", TextRules.quotedNameProblem(" ", "a failover peer name"));
        assertNull(TextRules.quotedNameProblem("fo-pair", "a failover peer name"));
        assertTrue(TextRules.hasControlCharacter("a\u0000b"));
        assertTrue(TextRules.hasControlCharacter("a\u2028b"));
        assertFalse(TextRules.hasControlCharacter("été 2026"));

        assertEquals("A display name cannot contain control characters such as a line break", TextRules.nameProblem("east\n1", "A display name"));
        assertEquals("A display name has at most 64 characters", TextRules.nameProblem("x".repeat(65), "A display name"));
        assertEquals("A display name cannot be empty", TextRules.nameProblem("", "A display name"));
        assertNull(TextRules.nameProblem("x".repeat(64), "A display name"));
    }

    @Test
    void aUrlWithCredentialsIsRefusedWithoutRepeatingThem() {
        String problem = TextRules.userInfoProblem(URI.create("http://user:pass@host/"), "--user and --password-file");
        assertEquals("the URL contains a user name or password (http://***@host/); give credentials with --user and"
                + " --password-file instead", problem);
        assertNull(TextRules.userInfoProblem(URI.create("http://host:8000/"), "--user"));
        assertEquals("http://***@host:3128", TextRules.withoutUserInfo("http://u%40x:p@ss@host:3128"));
        assertEquals("not a url u:p", TextRules.withoutUserInfo("not a url u:p"));
    }
}
