package io.calicoj.cli.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.cli.Fixtures;
import io.calicoj.model.Resource;
import io.calicoj.model.ResourceKind;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ResourceCodecRoundTripTest {

    static Stream<Resource> everyKind() {
        return Stream.of(Fixtures.installPagePods().get(0), Fixtures.fullEndpoint(), Fixtures.kubernetesPolicy(),
                Fixtures.calicoPolicy(), Fixtures.globalPolicy(), Fixtures.namespaceProfile(), Fixtures.node(),
                Fixtures.nodeWithAs(), Fixtures.hostEndpoint(), Fixtures.ipPool(), Fixtures.felixConfiguration());
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void yamlWrittenByGetReadsBackAsTheSameResource(Resource r) throws Exception {
        String yaml = YamlWriter.write(ResourceEncoder.encode(r));
        assertThat(ResourceFileReader.read("t.yaml", yaml, "")).containsExactly(r);
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void jsonWrittenByGetReadsBackAsTheSameResource(Resource r) throws Exception {
        String json = JsonWriter.write(ResourceEncoder.encode(r));
        assertThat(ResourceFileReader.read("t.json", json, "")).containsExactly(r);
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void aListingReadsBackAsItsItems(Resource r) throws Exception {
        String yaml = YamlWriter.write(ResourceEncoder.encodeList(r.kind(), List.of(r, r)));
        assertThat(ResourceFileReader.read("t.yaml", yaml, "")).containsExactly(r, r);
        assertThat(yaml).contains("kind: " + r.kind().kindName() + "List");
    }

    @org.junit.jupiter.api.Test
    void everyKindIsCovered() {
        assertThat(everyKind().map(Resource::kind).distinct()).containsExactlyInAnyOrder(ResourceKind.values());
    }
}
