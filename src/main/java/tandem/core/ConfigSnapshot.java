package tandem.core;

import java.time.Instant;

/** A server's configuration as it answered at one moment, with a hash to notice outside changes cheaply. */
public record ConfigSnapshot(String relationship, String peer, String hash, String json, Instant takenAt) {}
