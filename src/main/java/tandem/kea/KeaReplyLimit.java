package tandem.kea;

import java.io.IOException;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The largest Control Agent answer read into memory. A config-get of 2,000 subnets with reservations is a few MB;
 * the limit only keeps a runaway or hostile endpoint from exhausting the heap.
 */
public final class KeaReplyLimit {
    private static final Logger LOG = LoggerFactory.getLogger(KeaReplyLimit.class);

    public static final long DEFAULT_BYTES = 64L << 20;
    /** System property overriding the limit, in MiB. */
    public static final String PROPERTY = "tandem.kea.max-reply-mib";

    private KeaReplyLimit() {}

    /** An answer refused for its size; the message says how large it announced itself or grew. */
    static final class TooLarge extends Exception {
        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    /** The limit from {@value #PROPERTY}, or the default when unset or not a usable number of MiB. */
    static long configured() {
        String mib = System.getProperty(PROPERTY);
        if (mib == null || mib.isBlank()) return DEFAULT_BYTES;
        try {
            long v = Long.parseLong(mib.strip());
            if (v > 0 && v < (1L << 23)) return v << 20;
        } catch (NumberFormatException ignored) {
            // falls through to the warning
        }
        LOG.warn("{} must be a positive number of MiB, not '{}'; using {}", PROPERTY, mib, describe(DEFAULT_BYTES));
        return DEFAULT_BYTES;
    }

    /** Reads the body as UTF-8 (JSON's encoding), never buffering more than the limit plus one segment. */
    static String read(ResponseBody body, long limit) throws IOException, TooLarge {
        long announced = body.contentLength();
        if (announced > limit) throw new TooLarge("Content-Length " + announced);
        BufferedSource source = body.source();
        if (source.request(limit + 1)) throw new TooLarge("more than " + limit + " bytes");
        return source.readUtf8();
    }

    static String describe(long bytes) {
        return bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }
}
