package tandem.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tandem.core.PeerObservation;

/**
 * The JSON columns of the state tables. Instants are written as ISO-8601 text by hand: the java.time module only
 * reaches the classpath through Flyway, and the stored form should not depend on that.
 */
final class StateJson {
    private static final TypeReference<List<String>> REASONS = new TypeReference<>() {};
    private static final TypeReference<LinkedHashMap<String, PeerObservation>> PEERS = new TypeReference<>() {};

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule("tandem-instant")
                    .addSerializer(Instant.class, new InstantSerializer())
                    .addDeserializer(Instant.class, new InstantDeserializer()))
            // rows written by a newer or older version still load
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private StateJson() {}

    static String reasons(List<String> reasons) {
        return write(reasons == null ? List.of() : reasons);
    }

    static List<String> reasons(String json) throws JsonProcessingException {
        return json == null || json.isBlank() ? List.of() : MAPPER.readValue(json, REASONS);
    }

    static String peers(Map<String, PeerObservation> peers) {
        return write(peers == null ? Map.of() : new java.util.TreeMap<>(peers));
    }

    static Map<String, PeerObservation> peers(String json) throws JsonProcessingException {
        return json == null || json.isBlank() ? Map.of() : MAPPER.readValue(json, PEERS);
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("Cannot write state as JSON", e);
        }
    }

    private static final int[] SCALE = {100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    /**
     * Reads what {@link Instant#toString} writes ("2026-12-03T07:45:08.123Z") without the general ISO parser, which
     * took a third of reading 10,000 last-known states at start; any other form goes through {@link Instant#parse}.
     */
    static Instant instant(String text) {
        int n = text.length();
        if (n >= 20 && n <= 30 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(n - 1) == 'Z'
                && (n == 20 || text.charAt(19) == '.' && n > 21)) {
            try {
                int hour = digits(text, 11, 13);
                int minute = digits(text, 14, 16);
                int second = digits(text, 17, 19);
                if (hour < 24 && minute < 60 && second < 60) {
                    long day = java.time.LocalDate.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10))
                            .toEpochDay();
                    int nanos = n == 20 ? 0 : digits(text, 20, n - 1) * SCALE[n - 22];
                    return Instant.ofEpochSecond(day * 86_400 + hour * 3_600 + minute * 60 + second, nanos);
                }
            } catch (NumberFormatException | java.time.DateTimeException e) {
                // not the usual form after all
            }
        }
        return Instant.parse(text);
    }

    /** Decimal digits only: Integer.parseInt would also take a sign. */
    private static int digits(String text, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') throw new NumberFormatException(text);
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static final class InstantSerializer extends JsonSerializer<Instant> {
        @Override public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers)
                throws IOException {
            gen.writeString(value.toString());
        }
    }

    private static final class InstantDeserializer extends JsonDeserializer<Instant> {
        @Override public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken().isNumeric()) return Instant.ofEpochMilli(p.getLongValue());
            String text = p.getValueAsString();
            if (text == null || text.isBlank()) return null;
            try {
                return instant(text.strip());
            } catch (DateTimeParseException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 instant");
            }
        }
    }
}
