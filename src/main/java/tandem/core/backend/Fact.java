package tandem.core.backend;

/** One labelled setting of a relationship as its backend reports it, e.g. "MCLT" = "1 h", for the details pane. */
public record Fact(String label, String value) {}
