package tandem.core.planted;

/** A planted violation for {@link tandem.app.LayeringTest}: the core must not use Jackson. */
public final class JsonInTheCore {
    public Object mapper() { return new com.fasterxml.jackson.databind.ObjectMapper(); }
}
