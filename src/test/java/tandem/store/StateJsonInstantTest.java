package tandem.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StateJsonInstantTest {
    @Test void readsEveryInstantAsInstantParseDoes() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            // 1970 to 2100, with every precision Instant.toString writes (none, millis, micros, nanos)
            long seconds = (long) (random.nextDouble() * 4_102_444_800L);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            String text = Instant.ofEpochSecond(seconds, nanos).toString();
            assertEquals(Instant.parse(text), StateJson.instant(text), text);
        }
    }

    @Test void otherFormsGoThroughTheGeneralParser() {
        for (String text : new String[] {"2026-12-03T07:45:08.1Z", "2026-02-28T23:59:59.12345Z",
                "+12026-12-03T07:45:08Z", "2026-12-03T07:45:08+01:00", "2024-02-29T00:00:00Z",
                "2026-12-03T24:00:00Z"}) {
            assertEquals(Instant.parse(text), StateJson.instant(text), text);
        }
    }

    @Test void oddTextIsTakenOrRefusedAsInstantParseDoes() {
        for (String text : new String[] {"2026-13-03T07:45:08Z", "2026-02-30T07:45:08Z", "2026-12-03T07:45:-8Z",
                "2026-12-03T07:45:08.Z", "2026-12-03T07:45:08.1234567890Z", "2026-12-03T07:45:60Z", "2026-12-03 07:45:08Z",
                "yesterday"}) {
            Instant expected;
            try {
                expected = Instant.parse(text);
            } catch (DateTimeParseException e) {
                assertThrows(DateTimeParseException.class, () -> StateJson.instant(text), text);
                continue;
            }
            assertEquals(expected, StateJson.instant(text), text);
        }
    }
}
