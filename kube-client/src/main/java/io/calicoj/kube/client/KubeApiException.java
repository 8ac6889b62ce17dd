package io.calicoj.kube.client;

import java.util.Objects;

/**
 * A Kubernetes API request failed. The message names the API server ({@code scheme://host:port},
 * never user info or a path) and the HTTP status with the server's explanation, or why no answer
 * came; never a credential: tokens travel only in headers, which no message quotes.
 */
public final class KubeApiException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** No answer: connection refused or reset, DNS, timeout. */
        UNREACHABLE,
        /** The TLS handshake failed: the server's certificate is not trusted or does not name the address. */
        TLS,
        /** The server answered with a status outside 2xx (see {@link #status()}). */
        STATUS,
        /** A 2xx answer that is not the JSON object expected. */
        BAD_RESPONSE
    }

    private final Kind kind;
    private final int status;
    private final String server;

    KubeApiException(Kind kind, int status, String server, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.status = status;
        this.server = Objects.requireNonNull(server, "server");
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status of a {@link Kind#STATUS} failure, else 0. */
    public int status() {
        return status;
    }

    /** The API server, {@code scheme://host:port}. */
    public String server() {
        return server;
    }

    /** 401 or 403: the credentials were refused. */
    public boolean isUnauthorized() {
        return status == 401 || status == 403;
    }

    /** Worth retrying later: no answer, throttled (429) or a server failure (5xx). */
    public boolean isTransient() {
        return kind == Kind.UNREACHABLE || status == 429 || status >= 500;
    }
}
