package io.calicoj.cni.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class KubeApiAheadTest {

    private final List<String> connects = new CopyOnWriteArrayList<>();
    private final FakeKubeApi api = new FakeKubeApi();

    private final KubeApiAhead ahead = new KubeApiAhead(conf -> {
        connects.add(conf.name());
        if (conf.name().equals("unreachable")) {
            throw new CniException(CniException.TRY_AGAIN_LATER, "cannot reach the API server");
        }
        return api;
    });

    private static NetConf conf(String json) throws CniException {
        return NetConf.parse(Json.parseObject(json, "network config"));
    }

    @Test
    void theConnectionOpenedAheadIsHandedToTheCommandForTheSameConfiguration() throws Exception {
        String config = Plugins.config("1.0.0");
        ahead.connectAhead(config);

        KubeApi connected = ahead.connect(conf(config));

        assertThat(connected).isSameAs(api);
        assertThat(connects).containsExactly("k8s-pod-network");
    }

    @Test
    void anotherConfigurationGetsAConnectionOfItsOwnAndTheOneOpenedAheadIsClosed() throws Exception {
        ahead.connectAhead(Plugins.config("1.0.0"));

        ahead.connect(conf(Plugins.config("1.0.0").replace("k8s-pod-network", "other")));

        long deadline = System.nanoTime() + 5_000_000_000L;
        while (api.closes() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(api.closes()).isEqualTo(1);
        assertThat(connects).containsExactlyInAnyOrder("k8s-pod-network", "other");
    }

    @Test
    void theConnectionOpenedAheadIsHandedOverOnlyOnce() throws Exception {
        String config = Plugins.config("1.0.0");
        ahead.connectAhead(config);
        ahead.connect(conf(config));

        ahead.connect(conf(config));

        assertThat(connects).hasSize(2);
    }

    @Test
    void anUnreadableConfigurationOpensNothingAheadAndIsLeftForTheCommand() throws Exception {
        ahead.connectAhead("{\"cniVersion\": ");

        assertThat(connects).isEmpty();
        assertThat(ahead.connect(conf(Plugins.config("1.0.0")))).isSameAs(api);
    }

    @Test
    void aFailureToConnectAheadIsTheCommandsFailure() {
        String config = Plugins.config("1.0.0").replace("k8s-pod-network", "unreachable");
        ahead.connectAhead(config);

        assertThatThrownBy(() -> ahead.connect(conf(config))).isInstanceOf(CniException.class)
                .hasMessageContaining("cannot reach the API server");
        assertThat(connects).containsExactly("unreachable");
    }
}
