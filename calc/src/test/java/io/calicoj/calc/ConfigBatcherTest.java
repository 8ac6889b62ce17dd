package io.calicoj.calc;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.model.FelixConfiguration;
import io.calicoj.model.ObjectMeta;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigBatcherTest {

    private final List<Map<String, String>> sent = new ArrayList<>();
    private final ConfigBatcher batcher = new ConfigBatcher("node-a", sent::add);

    private static FelixConfiguration config(String name, Map<String, String> spec) {
        return new FelixConfiguration(ObjectMeta.named(name), spec);
    }

    @Test
    void nothingIsSentBeforeInSyncThenTheMergedConfigEvenIfEmpty() {
        batcher.onFelixConfiguration(config("default", Map.of("logSeverityScreen", "Info")));
        assertThat(sent).isEmpty();
        batcher.onInSync();
        assertThat(sent).containsExactly(Map.of("logSeverityScreen", "Info"));

        ConfigBatcher empty = new ConfigBatcher("node-a", sent::add);
        empty.onInSync();
        assertThat(sent).last().isEqualTo(Map.of());
    }

    @Test
    void thisNodesConfigOverridesTheGlobalOneAndOtherNodesAreIgnored() {
        batcher.onInSync();
        batcher.onFelixConfiguration(config("default", Map.of("a", "1", "b", "1")));
        batcher.onFelixConfiguration(config("node.node-a", Map.of("b", "2")));
        batcher.onFelixConfiguration(config("node.node-b", Map.of("a", "3")));
        assertThat(sent).last().isEqualTo(Map.of("a", "1", "b", "2"));

        int before = sent.size();
        batcher.onFelixConfiguration(config("node.node-b", Map.of("a", "4")));
        batcher.onFelixConfiguration(config("default", Map.of("a", "1", "b", "1")));
        assertThat(sent).hasSize(before);

        batcher.onDeletion(ResourceKey.of(ResourceKind.FELIX_CONFIGURATION, "node.node-a"));
        assertThat(sent).last().isEqualTo(Map.of("a", "1", "b", "1"));
    }
}
