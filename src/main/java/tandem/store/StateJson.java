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
                return Instant.parse(text.strip());
            } catch (DateTimeParseException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 instant");
            }
        }
    }
}
