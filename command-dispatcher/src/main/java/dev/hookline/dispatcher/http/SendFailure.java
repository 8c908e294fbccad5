package dev.hookline.dispatcher.http;

import io.vertx.core.http.ConnectionPoolTooBusyException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/**
 * Why a phone gave no answer. Its message is written here, never copied from the transport's
 * exception: those name the request target, which may hold credentials in its query.
 */
public final class SendFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, which decides whether a retry is safe. */
    public enum Kind {
        /** No connection was made: the phone never saw the request; retried. */
        CONNECT,
        /** The phone did not answer in time; retried (as the spec asks), though it may have acted. */
        TIMEOUT,
        /** The connection broke after the request went out; not retried, the phone may have acted. */
        BROKEN
    }

    private final Kind kind;

    public SendFailure(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public boolean retryable() {
        return kind != Kind.BROKEN;
    }

    /** Classifies a transport failure; the original exception (and its message) is dropped on purpose. */
    public static SendFailure of(Throwable error, long timeoutMillis) {
        if (error instanceof SendFailure failure) {
            return failure;
        }
        if (error instanceof io.netty.channel.ConnectTimeoutException) {
            return new SendFailure(Kind.CONNECT, "connect timed out after " + timeoutMillis + " ms");
        }
        if (error instanceof ConnectException) {
            return new SendFailure(Kind.CONNECT, "connection refused");
        }
        if (error instanceof NoRouteToHostException || error instanceof UnknownHostException) {
            return new SendFailure(Kind.CONNECT, "no route to the phone");
        }
        if (error instanceof ConnectionPoolTooBusyException) {
            return new SendFailure(Kind.CONNECT, "too many requests waiting for the phone's connection");
        }
        if (error instanceof TimeoutException) {
            return new SendFailure(Kind.TIMEOUT, "no answer within " + timeoutMillis + " ms");
        }
        return new SendFailure(Kind.BROKEN, "connection failed (" + error.getClass().getSimpleName() + ")");
    }
}
