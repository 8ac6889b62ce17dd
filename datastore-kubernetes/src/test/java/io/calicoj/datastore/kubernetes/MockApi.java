package io.calicoj.datastore.kubernetes;

import io.calicoj.kube.connection.KubeConnection;
import io.calicoj.kubemock.WatchEndsOffEventLoop;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.function.Function;

/**
 * fabric8's mock API server, started on a free port, in CRUD mode or with scripted expectations; a
 * watch that goes away never stops it (see {@link WatchEndsOffEventLoop}).
 */
final class MockApi {

    private MockApi() {
    }

    /** A mock that stores what is created and serves lists and watches of it. */
    static KubernetesMockServer crud() {
        return start(KubernetesMixedDispatcher::new);
    }

    /** A mock that answers only what the test scripts with {@code expect()}. */
    static KubernetesMockServer scripted() {
        return start(MockDispatcher::new);
    }

    private static KubernetesMockServer start(Function<Map<ServerRequest, Queue<ServerResponse>>, Dispatcher> dispatcher) {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new WatchEndsOffEventLoop(dispatcher.apply(responses)), false);
        server.init();
        return server;
    }

    /** The mock's URL without the trailing slash. */
    static String url(KubernetesMockServer server) {
        String url = server.url("/");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static KubeConnection connection(KubernetesMockServer server, String token) {
        return new KubeConnection(url(server), null, null, null, token, false);
    }
}
