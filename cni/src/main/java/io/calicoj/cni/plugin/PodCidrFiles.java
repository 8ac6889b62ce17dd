package io.calicoj.cni.plugin;

import io.calicoj.model.Cidr;
import io.calicoj.model.InvalidResourceException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PodCidrCache} in small files next to host-local's data: {@code <ipam.dataDir>/calico-podcidr-<node>}
 * (host-local's default {@code /var/lib/cni/networks} when the configuration sets no {@code dataDir}),
 * written atomically (a temporary file renamed over it), so a concurrent ADD reads the old CIDR or
 * the new one, never half of one. A file that does not hold a CIDR is ignored (and replaced).
 */
public final class PodCidrFiles implements PodCidrCache {

    private static final Logger log = LoggerFactory.getLogger(PodCidrFiles.class);

    /** host-local's data directory when {@code ipam.dataDir} is not set. */
    static final Path HOST_LOCAL_DATA_DIR = Path.of("/var/lib/cni/networks");

    static final String PREFIX = "calico-podcidr-";

    private final Path defaultDir;

    public PodCidrFiles(Path defaultDir) {
        this.defaultDir = Objects.requireNonNull(defaultDir, "defaultDir");
    }

    /** The file for {@code node}; the node name has been checked to be a Kubernetes name (no '/'). */
    Path file(NetConf conf, String node) {
        String dataDir = conf.ipam().path("dataDir").asString("");
        return (dataDir.isEmpty() ? defaultDir : Path.of(dataDir)).resolve(PREFIX + node);
    }

    @Override
    public Optional<String> get(NetConf conf, String node) {
        Path file = file(conf, node);
        try {
            String text = Files.readString(file).strip();
            Cidr.parse(text);
            return Optional.of(text);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | InvalidResourceException e) {
            log.warn("Ignoring the cached pod CIDR in {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void put(NetConf conf, String node, String cidr) {
        Path file = file(conf, node);
        Path tmp = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid());
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(tmp, cidr + "\n");
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            log.warn("Cannot cache the pod CIDR of node {} in {}: {}", node, file, e.toString());
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // Nothing more to do: the cache is only an optimisation.
            }
        }
    }
}
