package tandem.isc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The form in which the console holds dhcpd.conf text: one {@code char} per byte of the file (ISO-8859-1), whatever
 * the file's own encoding. dhcpd reads bytes, and administrators write comments in UTF-8, Latin-1 or Windows-1252;
 * holding bytes means every byte an edit does not touch is written back as it was read. Text the console generates
 * (Unicode) goes in as its UTF-8 bytes; text shown to people comes out as UTF-8 when it is valid UTF-8.
 */
public final class ConfText {
    /** A file larger than this is refused: no real dhcpd.conf comes near it, and it bounds memory. */
    public static final long MAX_FILE_BYTES = 16L << 20;

    private ConfText() {}

    /** The bytes as held text. */
    public static String fromBytes(byte[] bytes) { return new String(bytes, StandardCharsets.ISO_8859_1); }

    /** Held text back to the file's bytes. */
    public static byte[] toBytes(String held) {
        byte[] out = new byte[held.length()];
        for (int i = 0; i < out.length; i++) {
            char c = held.charAt(i);
            // never reached for text from fromBytes/fromUnicode; kept as '?' rather than throwing in the middle of a write
            out[i] = c <= 0xFF ? (byte) c : (byte) '?';
        }
        return out;
    }

    /** Generated (Unicode) text as held text: its UTF-8 bytes. */
    public static String fromUnicode(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7F) return fromBytes(text.getBytes(StandardCharsets.UTF_8));
        }
        return text;
    }

    /** Held text for people: decoded as UTF-8 when it is valid UTF-8, otherwise one character per byte (Latin-1). */
    public static String toUnicode(String held) {
        boolean ascii = true;
        for (int i = 0; i < held.length() && ascii; i++) ascii = held.charAt(i) <= 0x7F;
        if (ascii) return held;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(toBytes(held))).toString();
        } catch (CharacterCodingException notUtf8) {
            return held;
        }
    }

    /**
     * Reads a local configuration file as held text: only a regular file (a symlink to one is fine), at most
     * {@link #MAX_FILE_BYTES}, so that {@code include "/dev/zero";} or a FIFO cannot exhaust memory or hang.
     */
    public static String readLocal(Path file) throws IOException {
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString());
        if (!Files.isRegularFile(file)) throw new Refused(file.toString(), "not a regular file");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) throw new Refused(file.toString(), "larger than " + (MAX_FILE_BYTES >> 20) + " MiB");
            return fromBytes(bytes);
        }
    }

    /** Writes held text to a local file, byte for byte. */
    public static void writeLocal(Path file, String held) throws IOException {
        Files.write(file, toBytes(held));
    }

    /** A file the configuration names that is not read on purpose (not a regular file, too large). */
    public static final class Refused extends IOException {
        private final String reason;

        public Refused(String path, String reason) {
            super(path + ": " + reason);
            this.reason = reason;
        }

        /** Why, without the path, e.g. "not a regular file". */
        public String reason() { return reason; }
    }
}
