package tandem.kea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** The outcome of one Control Agent command: Kea's success answer or a classified failure. */
public sealed interface KeaReply permits KeaReply.Success, KeaReply.Failure {

    /** True unless nothing answered at the URL (UNREACHABLE) or the TLS handshake failed. */
    boolean endpointAnswered();

    default boolean isSuccess() {
        return this instanceof Success;
    }

    /** The parsed arguments of a success (e.g. {@code reply.parse(KeaStatus::from)}), empty for a failure. */
    default <T> Optional<T> parse(Function<JsonNode, T> parser) {
        return this instanceof Success s ? Optional.ofNullable(parser.apply(s.arguments())) : Optional.empty();
    }

    /**
     * Kea answered with result 0.
     *
     * @param result    always 0
     * @param text      Kea's text, or null when it sent none
     * @param arguments the arguments; {@link MissingNode} when Kea sent none, never null
     */
    record Success(int result, String text, JsonNode arguments) implements KeaReply {
        public Success {
            arguments = arguments == null || arguments.isNull() ? MissingNode.getInstance() : arguments;
        }

        @Override
        public boolean endpointAnswered() {
            return true;
        }
    }

    /**
     * The command did not succeed.
     *
     * @param kind    the category
     * @param message one sentence a network administrator can act on
     * @param detail  technical detail (exception, HTTP status, raw text) for logs and tooltips; may be null
     */
    record Failure(KeaFailure kind, String message, String detail) implements KeaReply {
        public Failure {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public boolean endpointAnswered() {
            return kind.endpointAnswered();
        }
    }
}
