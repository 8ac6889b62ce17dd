package io.calicoj.datastore.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Scripts a non-CRUD mock API server: fixed list answers and watch sessions that emit given
 * events, for what the CRUD mock cannot do (410 Gone, resuming a watch from a resource version).
 */
final class ScriptedApi {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private final KubernetesMockServer server;

    ScriptedApi(KubernetesMockServer server) {
        this.server = server;
    }

    /** {@code GET path} answers a list of {@code items} at {@code resourceVersion}, every time. */
    ScriptedApi list(String path, String kind, String resourceVersion, HasMetadata... items) {
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"" + kind + "\",\"metadata\":{\"resourceVersion\":\""
                + resourceVersion + "\"},\"items\":[" + List.of(items).stream().map(JSON::asJson)
                .collect(Collectors.joining(",")) + "]}";
        server.expect().get().withPath(path).andReturn(200, body).always();
        return this;
    }

    /** Every watch on {@code path} opens and then stays quiet until the client closes it. */
    ScriptedApi idleWatch(String path) {
        server.expect().get().withPath(path).andUpgradeToWebSocket().open()
                .expect("a message no client sends").andEmit("unused").once()
                .done().always();
        return this;
    }

    /** The next watch on {@code path} opens and then stays quiet until the client closes it. */
    ScriptedApi idleWatchOnce(String path) {
        server.expect().get().withPath(path).andUpgradeToWebSocket().open()
                .expect("a message no client sends").andEmit("unused").once()
                .done().once();
        return this;
    }

    /** A watch on {@code path} that sends {@code events} (JSON) 10 ms apart and then closes normally. */
    ScriptedApi watchThenClose(String path, String... events) {
        var session = server.expect().get().withPath(path).andUpgradeToWebSocket().open();
        for (String e : events) {
            session = session.waitFor(10).andEmit(e);
        }
        session.done().once();
        return this;
    }

    /** A watch on {@code path} that sends {@code events} and then stays open. */
    ScriptedApi watchThenIdle(String path, String... events) {
        var session = server.expect().get().withPath(path).andUpgradeToWebSocket().open();
        for (String e : events) {
            session = session.waitFor(10).andEmit(e);
        }
        session.expect("a message no client sends").andEmit("unused").once().done().always();
        return this;
    }

    static String event(String type, HasMetadata object) {
        return "{\"type\":\"" + type + "\",\"object\":" + JSON.asJson(object) + "}";
    }

    static String bookmark(String kind, String resourceVersion) {
        return "{\"type\":\"BOOKMARK\",\"object\":{\"apiVersion\":\"v1\",\"kind\":\"" + kind
                + "\",\"metadata\":{\"resourceVersion\":\"" + resourceVersion + "\"}}}";
    }

    static String gone(String resourceVersion) {
        return "{\"type\":\"ERROR\",\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"status\":\"Failure\","
                + "\"message\":\"too old resource version: " + resourceVersion + "\",\"reason\":\"Expired\",\"code\":410}}";
    }

    static String watchPath(String collection, String resourceVersion) {
        return collection + "?allowWatchBookmarks=true&resourceVersion=" + resourceVersion + "&watch=true";
    }
}
