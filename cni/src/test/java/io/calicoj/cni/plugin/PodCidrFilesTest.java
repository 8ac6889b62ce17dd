package io.calicoj.cni.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.json.JsonTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class PodCidrFilesTest {

    @TempDir
    Path dir;

    private static NetConf conf(String dataDir) throws CniException {
        ObjectNode ipam = (ObjectNode) JsonTrees.parse("{\"type\": \"host-local\", \"subnet\": \"usePodCidr\"}");
        if (dataDir != null) {
            ipam.put("dataDir", dataDir);
        }
        ObjectNode json = JsonTrees.object();
        json.put("cniVersion", "1.0.0").put("name", "k8s-pod-network").put("type", "calico");
        json.set("ipam", ipam);
        return NetConf.parse(json);
    }

    @Test
    void aCidrIsKeptNextToHostLocalsDataAndReadBack() throws Exception {
        PodCidrFiles cache = new PodCidrFiles(dir.resolve("default"));
        NetConf conf = conf(dir.resolve("ipam").toString());

        assertThat(cache.get(conf, "node-1")).isEmpty();
        cache.put(conf, "node-1", "10.244.1.0/24");

        assertThat(Files.readString(dir.resolve("ipam/calico-podcidr-node-1"))).isEqualTo("10.244.1.0/24\n");
        assertThat(cache.get(conf, "node-1")).contains("10.244.1.0/24");
        assertThat(cache.get(conf, "node-2")).isEmpty();
        try (var files = Files.list(dir.resolve("ipam"))) {
            assertThat(files).as("no temporary file left").hasSize(1);
        }
    }

    @Test
    void withoutDataDirHostLocalsDefaultDirectoryIsUsed() throws Exception {
        PodCidrFiles cache = new PodCidrFiles(dir);

        cache.put(conf(null), "node-1", "10.244.1.0/24");

        assertThat(dir.resolve("calico-podcidr-node-1")).exists();
    }

    @Test
    void aFileThatIsNotACidrIsIgnoredAndReplaced() throws Exception {
        PodCidrFiles cache = new PodCidrFiles(dir);
        Files.writeString(dir.resolve("calico-podcidr-node-1"), "10.244.1.0/2");
        Files.writeString(dir.resolve("calico-podcidr-node-2"), "garbage");

        assertThat(cache.get(conf(null), "node-1")).contains("10.244.1.0/2");
        assertThat(cache.get(conf(null), "node-2")).isEmpty();
        cache.put(conf(null), "node-2", "10.244.2.0/24");
        assertThat(cache.get(conf(null), "node-2")).contains("10.244.2.0/24");
    }

    @Test
    void aCacheThatCannotBeWrittenIsNotAnError() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "");
        PodCidrFiles cache = new PodCidrFiles(file);

        cache.put(conf(null), "node-1", "10.244.1.0/24");

        assertThat(cache.get(conf(null), "node-1")).isEmpty();
    }
}
