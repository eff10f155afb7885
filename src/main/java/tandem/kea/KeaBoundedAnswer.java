package tandem.kea;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Reads one HTTP answer for {@link KeaAsyncHttp}, never holding more than the reply limit: an answer announcing more
 * is refused before its body is read, one that grows past it is cut off there (the connection is then dropped, as
 * the OkHttp path does). Runs on an I/O thread.
 */
final class KeaBoundedAnswer implements AsyncResponseConsumer<KeaBoundedAnswer.Answer> {

    /** The status line and the body as read. */
    record Answer(int code, String statusLine, byte[] body) {
    }

    /** The answer was refused for its size; {@link #getMessage()} is the detail the OkHttp path gives. */
    static final class TooLarge extends IOException {
        final String statusLine;

        TooLarge(String statusLine, String detail) {
            super(detail, null);
            this.statusLine = statusLine;
        }
    }

    private final long limit;
    private ByteArrayOutputStream body;
    private int code;
    private String statusLine;
    private FutureCallback<Answer> callback;

    KeaBoundedAnswer(long limit) {
        this.limit = limit;
    }

    @Override
    public void consumeResponse(HttpResponse response, EntityDetails entity, HttpContext context,
                                FutureCallback<Answer> resultCallback) throws HttpException, IOException {
        code = response.getCode();
        String reason = response.getReasonPhrase();
        statusLine = "HTTP " + code + (reason == null || reason.isEmpty() ? "" : " " + reason);
        if (entity == null) {
            resultCallback.completed(new Answer(code, statusLine, new byte[0]));
            return;
        }
        long announced = entity.getContentLength();
        if (announced > limit) throw new TooLarge(statusLine, "Content-Length " + announced);
        callback = resultCallback;
        body = new ByteArrayOutputStream((int) Math.min(Math.max(announced, 256), Math.min(limit, 1 << 20)));
    }

    @Override
    public void informationResponse(HttpResponse response, HttpContext context) {
        // 1xx: nothing to keep
    }

    @Override
    public void updateCapacity(CapacityChannel channel) throws IOException {
        // no flow control: the limit is checked on every chunk, and a chunk is at most one session buffer
        channel.update(Integer.MAX_VALUE);
    }

    @Override
    public void consume(ByteBuffer src) throws IOException {
        int n = src.remaining();
        if (body.size() + (long) n > limit) throw new TooLarge(statusLine, "more than " + limit + " bytes");
        if (src.hasArray()) {
            body.write(src.array(), src.arrayOffset() + src.position(), n);
            src.position(src.limit());
        } else {
            byte[] chunk = new byte[n];
            src.get(chunk);
            body.write(chunk, 0, n);
        }
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) {
        FutureCallback<Answer> cb = callback;
        callback = null;
        if (cb != null) cb.completed(new Answer(code, statusLine, body.toByteArray()));
    }

    @Override
    public void failed(Exception cause) {
        FutureCallback<Answer> cb = callback;
        callback = null;
        if (cb != null) cb.failed(cause);
    }

    @Override
    public void releaseResources() {
        body = null;
    }
}
