package tandem.kea;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class KeaHeartbeatTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void parsesTheKea22Answer() throws Exception {
        KeaHeartbeat hb = KeaHeartbeat.from(json.readTree("""
                { "date-time": "Sun, 22 Nov 2026 01:30:19 GMT", "scopes": [ "server2" ],
                  "state": "load-balancing", "unsent-update-count": 4 }"""));

        assertEquals(Instant.parse("2026-11-22T01:30:19Z"), hb.dateTime());
        assertEquals(List.of("server2"), hb.scopes());
        assertEquals("load-balancing", hb.state());
        assertEquals(4L, hb.unsentUpdateCount());
        assertEquals(Duration.ofSeconds(-41), hb.skewFrom(Instant.parse("2026-11-22T01:31:00Z")));
    }

    @Test
    void singleDigitDayAndWrongWeekdayStillGiveTheClock() {
        assertEquals(Instant.parse("2026-11-01T09:05:00Z"), KeaHeartbeat.parseDateTime("Sun, 1 Nov 2026 09:05:00 GMT"));
        // 22 Nov 2026 is a Sunday; the weekday is redundant, so a wrong one must not lose the time
        assertEquals(Instant.parse("2026-11-22T01:30:19Z"), KeaHeartbeat.parseDateTime("Mon, 22 Nov 2026 01:30:19 GMT"));
    }

    @Test
    void missingOrUnreadableFields() throws Exception {
        KeaHeartbeat hb = KeaHeartbeat.from(json.readTree("{ \"date-time\": \"yesterday\" }"));
        assertNull(hb.dateTime());
        assertNull(hb.skewFrom(Instant.now()));
        assertEquals(List.of(), hb.scopes());
        assertNull(hb.state());
        assertNull(hb.unsentUpdateCount());
        assertNull(KeaHeartbeat.from(null).dateTime());
    }
}
