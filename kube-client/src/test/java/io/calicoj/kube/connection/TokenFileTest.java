package io.calicoj.kube.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {

    @TempDir
    Path dir;

    private Path write(String name, String text, long modifiedMillis) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        Files.setLastModifiedTime(f, FileTime.fromMillis(modifiedMillis));
        return f;
    }

    @Test
    void theTokenIsReadAgainOnlyWhenTheFileChanged() throws IOException {
        Path f = write("token", "one\n", 1_000_000);
        TokenFile token = new TokenFile(f, "one");
        assertThat(token.get()).isEqualTo("one");

        Files.writeString(f, "sneaky\n");
        Files.setLastModifiedTime(f, FileTime.fromMillis(1_000_000));
        assertThat(token.get()).as("same modification time: not read").isEqualTo("one");

        write("token", "two\n", 2_000_000);
        assertThat(token.get()).isEqualTo("two");
    }

    @Test
    void aMissingOrEmptyFileKeepsTheLastGoodTokenUntilAGoodOneAppears() throws IOException {
        Path f = write("token", "one", 1_000_000);
        TokenFile token = new TokenFile(f, "one");

        write("token", "  \n", 2_000_000);
        assertThat(token.get()).isEqualTo("one");
        Files.delete(f);
        assertThat(token.get()).isEqualTo("one");

        write("token", "three", 3_000_000);
        assertThat(token.get()).isEqualTo("three");
    }
}
