package tandem.kea;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Locale;

/**
 * What went wrong when a Control Agent did not answer, in words an administrator can act on: refused, silent, a
 * certificate not trusted, an unknown host, a proxy that would not connect. Also tells a request that never
 * arrived from one whose answer was lost, which may have been carried out.
 */
public final class KeaTransportFailures {
    private static final Logger LOG = LoggerFactory.getLogger(KeaTransportFailures.class);
    /** Technical detail kept with a failure, for logs and tooltips. */
    private static final int MAX_DETAIL = 300;

    private KeaTransportFailures() {}

    /**
     * @param closed whether the client was closed: only that counts as a cancellation (a call timeout also cancels
     *               the call)
     */
    static KeaReply.Failure classify(KeaEndpoint ep, IOException e, boolean closed) {
        return classify(ep, e, closed, null);
    }

    /**
     * @param connected after a timeout, whether the request had gone out on an established connection, when the
     *                  transport knows; null asks the agent's port again (a blocking connect of up to a second)
     */
    static KeaReply.Failure classify(KeaEndpoint ep, IOException e, boolean closed, Boolean connected) {
        String detail = describe(e);
        String via = ep.proxy() == null ? "" : " (through the proxy " + ep.proxyAuthority() + ")";
        KeaReply.Failure f;
        if (closed) {
            f = new KeaReply.Failure(KeaFailure.UNREACHABLE, "The request to " + ep.url() + " was cancelled", detail);
        } else if (e instanceof SSLPeerUnverifiedException) {
            f = new KeaReply.Failure(KeaFailure.TLS, "The TLS certificate of " + ep.authority()
                    + " is not issued for the host name " + ep.url().getHost(), detail);
        } else if (e instanceof SSLHandshakeException && isCertificateProblem(e)) {
            f = new KeaReply.Failure(KeaFailure.TLS, "The TLS certificate of " + ep.authority() + " is not trusted"
                    + (ep.trustAnchorPem() == null
                    ? "; configure the certificate of the CA that signed it as the trust anchor"
                    : " by the configured trust anchor"), detail);
        } else if (e instanceof SSLException) {
            f = new KeaReply.Failure(KeaFailure.TLS, "The TLS handshake with " + ep.authority()
                    + " failed; check that it serves HTTPS with a valid certificate", detail);
        } else if (e instanceof UnknownHostException) {
            // through an HTTP proxy only the proxy's name is resolved here; the proxy resolves the agent's
            f = ep.proxy() != null
                    ? new KeaReply.Failure(KeaFailure.UNREACHABLE, "Unknown proxy host " + ep.proxy().getHost()
                    + ": the name does not resolve", detail)
                    : new KeaReply.Failure(KeaFailure.UNREACHABLE, "Unknown host " + ep.url().getHost()
                    + ": the name does not resolve", detail);
        } else if (e instanceof ConnectException) {
            String where = ep.proxy() != null ? "the proxy " + ep.proxyAuthority() : ep.authority();
            f = rootMessage(e).toLowerCase(Locale.ROOT).contains("refused")
                    ? new KeaReply.Failure(KeaFailure.UNREACHABLE, "Connection refused by " + where, detail)
                    : new KeaReply.Failure(KeaFailure.UNREACHABLE, "Cannot connect to " + where + ": "
                    + rootMessage(e), detail);
        } else if (e instanceof NoRouteToHostException) {
            f = new KeaReply.Failure(KeaFailure.UNREACHABLE, "No route to " + ep.authority() + via, detail);
        } else if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            f = ep.proxy() == null && (connected != null ? connected : acceptsConnections(ep))
                    ? new KeaReply.Failure(KeaFailure.UNREACHABLE, KeaControlEndpoints.describe(ep)
                    + " accepts connections but sent no answer within " + humanDuration(ep.timeout())
                    + (KeaControlEndpoints.isKea3(ep) ? "; the server is hung or busy"
                    : "; an agent stays silent while the DHCPv4 server it forwards to is hung or busy"), detail)
                    : new KeaReply.Failure(KeaFailure.UNREACHABLE, "No answer from " + ep.url() + via + " within "
                    + humanDuration(ep.timeout()), detail);
        } else if (String.valueOf(e.getMessage()).startsWith("Unexpected response code for CONNECT")) {
            f = new KeaReply.Failure(KeaFailure.UNREACHABLE, "The proxy " + ep.proxyAuthority()
                    + " refused to open a connection to " + ep.authority(), detail);
        } else if (e instanceof EOFException || String.valueOf(e.getMessage()).contains("unexpected end of stream")) {
            f = new KeaReply.Failure(KeaFailure.PROTOCOL, ep.authority() + via
                    + " closed the connection without answering"
                    + (ep.url().getScheme().equalsIgnoreCase("http") ? "; if it serves HTTPS, use an https:// URL" : ""),
                    detail);
        } else {
            f = new KeaReply.Failure(KeaFailure.UNREACHABLE, "Cannot reach " + ep.authority() + via + ": "
                    + rootMessage(e), detail);
        }
        LOG.debug("{} {}: {} ({})", ep.url(), f.kind(), f.message(), detail);
        return f;
    }

    /**
     * Whether a failed command was sent and its answer lost (a timeout, a connection closed after the request): the
     * server may then have carried it out, and only reading it tells.
     */
    public static boolean answerLost(KeaReply.Failure f) {
        return switch (f.kind()) {
            case UNREACHABLE -> f.message().startsWith("No answer from") || f.message().contains("sent no answer")
                    || f.message().endsWith("was cancelled");
            case PROTOCOL -> f.message().contains("closed the connection without answering");
            default -> false;
        };
    }

    /**
     * After a timeout, tells a silent agent (its port still accepts TCP connections) from a host that does not
     * answer at all. A Kea 2.2 Control Agent forwards a command and waits for the daemon's reply before it serves
     * anything else, so a stopped or overloaded kea-dhcp4 leaves its agent in exactly that state.
     */
    private static boolean acceptsConnections(KeaEndpoint ep) {
        int port = ep.url().getPort() != -1 ? ep.url().getPort()
                : "https".equalsIgnoreCase(ep.url().getScheme()) ? 443 : 80;
        int millis = (int) Math.max(1, Math.min(ep.timeout().toMillis(), 1000));
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(ep.url().getHost(), port), millis);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isCertificateProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException || t instanceof CertPathValidatorException
                    || String.valueOf(t.getMessage()).contains("PKIX")) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    static String describe(Throwable e) {
        if (e == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(e.getClass().getName()).append(": ").append(e.getMessage());
        Throwable cause = e.getCause();
        for (int depth = 0; cause != null && depth < 3; depth++, cause = cause.getCause()) {
            sb.append(" <- ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return sb.toString();
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String oneLine = s.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_DETAIL ? oneLine : oneLine.substring(0, MAX_DETAIL) + "...";
    }

    /** "2 s", "1.5 s", "500 ms". */
    static String humanDuration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms % 1000 == 0) {
            return (ms / 1000) + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
