package io.calicoj.kubemock;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;

/**
 * Decorates a mock API server's dispatcher so that the end of a WebSocket (a watch going away)
 * is handled off the server's event loop.
 *
 * <p>fabric8's mock sends each watch event from a thread of the watch's own, and that thread waits
 * (up to 30 s) for the event loop to finish the write. When the watch's connection ends, the mock's
 * close and failure handlers, called on the event loop, wait (up to 10 s) for that thread to finish.
 * A watch that goes away while an event is being sent down it therefore stops the whole server: no
 * request is answered, and shutting it down fails with "Unable to close MockWebServer". Handing
 * those two handlers to a thread of their own lets the event loop finish the write (it fails: the
 * connection is gone), so the sending thread ends and the handler with it.
 */
public final class WatchEndsOffEventLoop extends Dispatcher {

    private final Dispatcher delegate;

    public WatchEndsOffEventLoop(Dispatcher delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        MockResponse response = delegate.dispatch(request);
        WebSocketListener listener = response == null ? null : response.getWebSocketListener();
        if (listener != null) {
            response.withWebSocketUpgrade(new Listener(listener));
        }
        return response;
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    @Override
    public void releaseResources() {
        delegate.releaseResources();
    }

    /**
     * Passes everything on, the two end handlers on a thread of their own. (The deprecated
     * {@code ByteString} message reaches the delegate as text, through the base class.)
     */
    static final class Listener extends WebSocketListener {
        private final WebSocketListener delegate;

        Listener(WebSocketListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onBeforeAccept(WebSocket webSocket, Response response) {
            delegate.onBeforeAccept(webSocket, response);
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            delegate.onOpen(webSocket, response);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            delegate.onMessage(webSocket, text);
        }

        @Override
        public void onMessage(WebSocket webSocket, byte[] bytes) {
            delegate.onMessage(webSocket, bytes);
        }

        @Override
        public void onPing(WebSocket webSocket, byte[] bytes) {
            delegate.onPing(webSocket, bytes);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            delegate.onClosing(webSocket, code, reason);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            offLoop(() -> delegate.onClosed(webSocket, code, reason));
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
            offLoop(() -> delegate.onFailure(webSocket, failure, response));
        }

        private static void offLoop(Runnable handler) {
            Thread t = new Thread(() -> {
                try {
                    handler.run();
                } catch (RejectedExecutionException e) {
                    // The server stopped meanwhile, and its connections with it: nothing is left to end.
                }
            }, "mock-watch-end");
            t.setDaemon(true);
            t.start();
        }
    }
}
