package tandem.core;

/** The four indicators of a relationship, worst last but one: UNREACHABLE means we know nothing. */
public enum RelationshipStatus {
    OK("OK"), IMPAIRED("Impaired"), SERVICE_DOWN("Service down"), UNREACHABLE("Unreachable");

    private final String label;

    RelationshipStatus(String label) { this.label = label; }

    public String label() { return label; }
}
