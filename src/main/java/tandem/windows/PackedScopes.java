package tandem.windows;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * A partner's scope configurations as it last reported them, kept as deflated JSON: a console watching thousands of
 * Windows relationships holds every partner's reservations and options between polls only to compare them, and the
 * objects themselves take twenty times the memory. Unpacked when a comparison needs them.
 */
final class PackedScopes {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final TypeReference<LinkedHashMap<String, ScopeConfig>> TYPE = new TypeReference<>() {};

    private final byte[] deflated;

    private PackedScopes(byte[] deflated) { this.deflated = deflated; }

    static PackedScopes pack(Map<String, ScopeConfig> scopes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(bytes)) {
            MAPPER.writeValue(out, scopes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PackedScopes(bytes.toByteArray());
    }

    /** The scopes by id, in the order they were packed. */
    Map<String, ScopeConfig> unpack() {
        try (InflaterInputStream in = new InflaterInputStream(new java.io.ByteArrayInputStream(deflated))) {
            return MAPPER.readValue(in, TYPE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes held. */
    int size() { return deflated.length; }

    /** Same content: a partner that reports the same scopes again needs no new comparison. */
    boolean sameAs(PackedScopes other) { return other != null && Arrays.equals(deflated, other.deflated); }
}
