package io.calicoj.agent.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status directory on a real file system (a temporary directory). */
class DirectoryStatusFilesTest {

    @TempDir
    Path prefix;

    private Path dir() {
        return prefix.resolve("endpoint-status");
    }

    private DirectoryStatusFiles files() {
        return new DirectoryStatusFiles(dir());
    }

    private Stream<String> entries() throws IOException {
        return Files.list(dir()).map(p -> p.getFileName().toString()).sorted();
    }

    @Test
    void writingCreatesTheDirectoryAndTheFileWithNothingElseLeft() throws IOException {
        files().write("k8s ns1%2Fdb eth0", "{\"ifaceName\":\"calidb\"}");
        assertThat(Files.readString(dir().resolve("k8s ns1%2Fdb eth0"))).isEqualTo("{\"ifaceName\":\"calidb\"}");
        assertThat(entries()).containsExactly("k8s ns1%2Fdb eth0");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir()))).isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir().resolve("k8s ns1%2Fdb eth0"))))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void listingNamesWhatIsThere() throws IOException {
        assertThat(files().list()).isEmpty();
        files().write("b", "1");
        files().write("a", "2");
        assertThat(files().list()).containsExactly("a", "b");
    }

    @Test
    void aSecondWriteReplacesTheFileWhole() throws IOException {
        files().write("f", "old content, longer than the new one");
        files().write("f", "new");
        assertThat(Files.readString(dir().resolve("f"))).isEqualTo("new");
        assertThat(entries()).containsExactly("f");
    }

    @Test
    void aLinkPlacedAtTheNameIsReplacedNotFollowed() throws IOException {
        Files.createDirectories(dir());
        Path victim = Files.writeString(prefix.resolve("victim"), "untouched");
        Files.createSymbolicLink(dir().resolve("f"), victim);
        files().write("f", "status");
        assertThat(Files.isSymbolicLink(dir().resolve("f"))).isFalse();
        assertThat(Files.readString(dir().resolve("f"))).isEqualTo("status");
        assertThat(Files.readString(victim)).isEqualTo("untouched");
    }

    @Test
    void deleteAllRemovesFilesLinksAndLeftOverTemporaryFilesButNotWhatLinksPointTo() throws IOException {
        Files.createDirectories(dir());
        Path victim = Files.writeString(prefix.resolve("victim"), "untouched");
        Files.writeString(dir().resolve("k8s ns1%2Fstale eth0"), "{}");
        Files.writeString(dir().resolve(".k8s ns1%2Fdb eth0.tmp-0011223344556677"), "{");
        Files.createSymbolicLink(dir().resolve("link"), victim);
        files().deleteAll();
        assertThat(entries()).isEmpty();
        assertThat(victim).exists();
    }

    @Test
    void deletingAMissingFileOrClearingAMissingDirectoryIsFine() throws IOException {
        files().deleteAll();
        files().delete("nothing");
        assertThat(dir()).doesNotExist();
    }

    @Test
    void namesThatLeaveTheDirectoryOrHideAreRefused() {
        assertThatThrownBy(() -> files().write("../escape", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> files().write(".hidden", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> files().delete("")).isInstanceOf(IllegalArgumentException.class);
    }
}
