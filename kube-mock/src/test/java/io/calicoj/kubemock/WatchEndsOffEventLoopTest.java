package io.calicoj.kubemock;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WatchEndsOffEventLoopTest {

    /** A watch's listener whose end handlers wait, as the mock's do, until the test lets them go. */
    private static final class SlowToEnd extends WebSocketListener {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final CountDownLatch letGo = new CountDownLatch(1);
        final CountDownLatch ended = new CountDownLatch(1);

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            calls.add("open on " + Thread.currentThread().getName());
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            calls.add("message " + text + " on " + Thread.currentThread().getName());
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            calls.add("closing " + code + " " + reason + " on " + Thread.currentThread().getName());
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            end("closed " + code + " " + reason);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
            end("failed " + failure.getMessage());
        }

        private void end(String what) {
            try {
                letGo.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            calls.add(what + " on " + Thread.currentThread().getName());
            ended.countDown();
        }
    }

    private static Dispatcher answering(MockResponse response) {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return response;
            }
        };
    }

    private static WebSocketListener wrapped(WebSocketListener watch) {
        MockResponse response = new WatchEndsOffEventLoop(answering(new MockResponse().withWebSocketUpgrade(watch)))
                .dispatch(null);
        return response.getWebSocketListener();
    }

    @Test
    void aWatchThatEndsWhileItsCloseHandlerWaitsDoesNotHoldTheCaller() throws Exception {
        SlowToEnd watch = new SlowToEnd();
        WebSocketListener listener = wrapped(watch);

        CompletableFuture.runAsync(() -> listener.onClosed(null, 1000, "bye")).get(5, TimeUnit.SECONDS);
        assertThat(watch.calls).isEmpty();

        watch.letGo.countDown();
        assertThat(watch.ended.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(watch.calls).containsExactly("closed 1000 bye on mock-watch-end");
    }

    @Test
    void aWatchWhoseConnectionFailsWhileItsFailureHandlerWaitsDoesNotHoldTheCaller() throws Exception {
        SlowToEnd watch = new SlowToEnd();
        WebSocketListener listener = wrapped(watch);

        CompletableFuture.runAsync(() -> listener.onFailure(null, new IllegalStateException("reset"), null))
                .get(5, TimeUnit.SECONDS);

        watch.letGo.countDown();
        assertThat(watch.ended.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(watch.calls).containsExactly("failed reset on mock-watch-end");
    }

    @Test
    void everythingElseIsPassedOnInPlaceAndInOrder() {
        SlowToEnd watch = new SlowToEnd();
        WebSocketListener listener = wrapped(watch);
        String here = Thread.currentThread().getName();

        listener.onOpen(null, null);
        listener.onMessage(null, "hello");
        listener.onClosing(null, 1001, "going");

        assertThat(watch.calls).containsExactly("open on " + here, "message hello on " + here,
                "closing 1001 going on " + here);
    }

    @Test
    void answersWithoutAWebSocketAreLeftAsTheyAre() {
        MockResponse plain = new MockResponse().setResponseCode(200).setBody("{}");

        MockResponse answered = new WatchEndsOffEventLoop(answering(plain)).dispatch(null);

        assertThat(answered).isSameAs(plain);
        assertThat(answered.getWebSocketListener()).isNull();
    }

    @Test
    void aWebSocketAnswerKeepsItsWatchBehindTheWrapper() {
        SlowToEnd watch = new SlowToEnd();

        WebSocketListener listener = wrapped(watch);

        assertThat(listener).isNotSameAs(watch).isInstanceOf(WatchEndsOffEventLoop.Listener.class);
    }
}
