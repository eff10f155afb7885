package tandem.isc;

/**
 * What one configuration may hold, counted over the main file and every file it includes. Each limit is far above
 * what real configurations use (the largest of the real files we test with has 54 KB and a nesting depth of 4) and
 * low enough that a hostile or broken file ends in a {@link ConfSyntaxException} naming its file and line, never in
 * a StackOverflowError or an OutOfMemoryError.
 */
final class ConfLimits {
    /** Blocks inside blocks, in one file. */
    static final int MAX_DEPTH = 64;
    /** Files included by files included by ... the main file. */
    static final int MAX_INCLUDE_DEPTH = 16;
    /** Distinct files in one configuration. */
    static final int MAX_FILES = 200;
    /** Bytes of all the files together (each file on its own: {@link ConfText#MAX_FILE_BYTES}). */
    static final long MAX_TOTAL_BYTES = 64L << 20;
    /** Statements, blocks and words of all the files together: what the parsed form's memory grows with. */
    static final int MAX_ITEMS = 2_000_000;

    private long bytes;
    private int items;

    /** Counts a file's bytes; false when the configuration would become too large. */
    boolean addBytes(long n) {
        bytes += n;
        return bytes <= MAX_TOTAL_BYTES;
    }

    /** Counts a statement, block or word; false once there are too many. */
    boolean addItem() { return ++items <= MAX_ITEMS; }
}
