package dev.hookline.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads HTTP/1.x requests from one phone connection and answers each in turn.
 *
 * <p>Why not Vert.x's HTTP server: phones put raw spaces into the request target (Yealink
 * substitutes display names without encoding), which Netty's decoder rejects with 400 before
 * any handler sees the request. This reader takes the target as everything between the first
 * and the last space of the request line, byte for byte, and otherwise speaks plain HTTP/1.1:
 * keep-alive, Content-Length bodies, requests answered in order (pipelining), and hard bounds on
 * every part (414 / 431 / 413, 408 for a request that takes too long to arrive).
 *
 * <p>The server that owns the connection checks {@link #requestOverdue} on a periodic tick, for
 * all its connections at once, instead of a timer per request.
 */
public final class PhoneConnection {

    /** What to do with a complete request; the future's response is written back. */
    public interface RequestHandler extends Function<PhoneRequest, Future<PhoneResponse>> {
    }

    /** Told about requests turned away while reading, before a handler saw them. */
    public interface ProtocolErrorListener {
        void onProtocolError(String remoteAddress, int status, String reason);
    }

    private enum State { REQUEST_LINE, HEADERS, BODY }

    private final NetSocket socket;
    private final HttpLimits limits;
    private final RequestHandler handler;
    private final ProtocolErrorListener errors;
    private final RecordParser parser;
    private final String remoteAddress;
    private final int remotePort;

    private State state = State.REQUEST_LINE;
    private String method;
    private String target;
    private String version;
    private List<PhoneRequest.Header> headers;
    private int headerBytes;
    private long requestStartedAt;
    /** {@link System#nanoTime()} at the request line: the 408 bound, immune to wall-clock steps. */
    private long requestStartedNanos;
    private boolean closed;

    /** @param onClose told once the connection is closed, by either side */
    public PhoneConnection(NetSocket socket, HttpLimits limits, RequestHandler handler, ProtocolErrorListener errors,
                           Consumer<PhoneConnection> onClose) {
        this.socket = socket;
        this.limits = limits;
        this.handler = handler;
        this.errors = errors;
        this.remoteAddress = socket.remoteAddress().hostAddress();
        this.remotePort = socket.remoteAddress().port();
        this.parser = RecordParser.newDelimited("\n", socket);
        // A line is bounded by the longest request line we accept (method, target, version).
        parser.maxRecordSize(Math.max(limits.maxUriLength() + 32, limits.maxHeaderBytes()));
        parser.handler(this::onRecord);
        parser.exceptionHandler(this::onParserError);
        socket.closeHandler(ignored -> {
            closed = true;
            onClose.accept(this);
        });
    }

    private void onRecord(Buffer record) {
        switch (state) {
            case REQUEST_LINE -> onRequestLine(record);
            case HEADERS -> onHeaderLine(record);
            case BODY -> complete(record.getBytes());
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void onRequestLine(Buffer record) {
        String line = stripCr(Texts.decode(record.getBytes()));
        if (line.isEmpty()) {
            return; // Stray CRLF between requests is allowed by RFC 9112.
        }
        requestStartedAt = System.currentTimeMillis();
        requestStartedNanos = System.nanoTime();
        int firstSpace = line.indexOf(' ');
        int lastSpace = line.lastIndexOf(' ');
        if (firstSpace <= 0 || lastSpace == firstSpace) {
            fail(400, "Bad Request");
            return;
        }
        method = line.substring(0, firstSpace);
        version = line.substring(lastSpace + 1);
        target = line.substring(firstSpace + 1, lastSpace).strip();
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            fail(version.startsWith("HTTP/") ? 505 : 400, version.startsWith("HTTP/")
                    ? "HTTP Version Not Supported" : "Bad Request");
            return;
        }
        if (target.length() > limits.maxUriLength()) {
            fail(414, "URI Too Long");
            return;
        }
        if (target.isEmpty()) {
            fail(400, "Bad Request");
            return;
        }
        headers = new ArrayList<>();
        headerBytes = 0;
        state = State.HEADERS;
    }

    private void onHeaderLine(Buffer record) {
        headerBytes += record.length() + 1;
        if (headerBytes > limits.maxHeaderBytes()) {
            fail(431, "Request Header Fields Too Large");
            return;
        }
        String line = stripCr(Texts.decode(record.getBytes()));
        if (!line.isEmpty()) {
            addHeader(line);
            return;
        }
        if (headerValue("Transfer-Encoding") != null) {
            fail(411, "Length Required");
            return;
        }
        String length = headerValue("Content-Length");
        long contentLength;
        try {
            contentLength = length == null ? 0 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            fail(400, "Bad Request");
            return;
        }
        if (contentLength < 0) {
            fail(400, "Bad Request");
        } else if (contentLength > limits.maxBodyBytes()) {
            fail(413, "Content Too Large");
        } else if (contentLength == 0) {
            complete(new byte[0]);
        } else {
            state = State.BODY;
            parser.fixedSizeMode((int) contentLength);
        }
    }

    private void addHeader(String line) {
        if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !headers.isEmpty()) {
            // Obsolete line folding: a continuation of the previous header's value.
            PhoneRequest.Header last = headers.remove(headers.size() - 1);
            headers.add(new PhoneRequest.Header(last.name(), last.value() + " " + line.strip()));
            return;
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return; // Not a header; phones' sloppiness is tolerated, the line is ignored.
        }
        headers.add(new PhoneRequest.Header(line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
    }

    private String headerValue(String name) {
        for (PhoneRequest.Header header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                return header.value();
            }
        }
        return null;
    }

    private void complete(byte[] body) {
        PhoneRequest request = new PhoneRequest(method, target, version, List.copyOf(headers), body,
                remoteAddress, remotePort, requestStartedAt);
        state = State.REQUEST_LINE;
        parser.delimitedMode("\n");
        // One request at a time per connection: answers leave in the order requests came.
        parser.pause();
        Future<PhoneResponse> response;
        try {
            response = handler.apply(request);
        } catch (RuntimeException e) {
            response = Future.failedFuture(e);
        }
        response.onComplete(result -> {
            PhoneResponse answer = result.succeeded() ? result.result()
                    : PhoneResponse.error(500, "Internal Server Error");
            boolean keepAlive = request.keepAlive() && answer.status() < 500;
            write(answer, !keepAlive);
            if (keepAlive && !closed) {
                parser.resume();
            }
        });
    }

    private void onParserError(Throwable error) {
        // The only error the parser raises is a line over maxRecordSize.
        if (state == State.REQUEST_LINE) {
            fail(414, "URI Too Long");
        } else {
            fail(431, "Request Header Fields Too Large");
        }
    }

    private void fail(int status, String reason) {
        errors.onProtocolError(remoteAddress, status, reason);
        parser.pause();
        write(PhoneResponse.error(status, reason), true);
    }

    private void write(PhoneResponse response, boolean close) {
        if (closed) {
            return;
        }
        socket.write(response.encode(close));
        if (close) {
            closed = true;
            socket.end();
        }
    }

    /** Whether a request has been arriving for longer than the limit allows (a slow client). */
    public boolean requestOverdue(long nowNanos) {
        return !closed && state != State.REQUEST_LINE && nowNanos - requestStartedNanos >= limits.requestTimeout().toNanos();
    }

    /** Answers 408 and closes, when {@link #requestOverdue} said so. */
    public void timeOut() {
        if (!closed && state != State.REQUEST_LINE) {
            fail(408, "Request Timeout");
        }
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
