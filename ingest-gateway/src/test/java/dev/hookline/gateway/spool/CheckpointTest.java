package dev.hookline.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    @TempDir
    Path dir;

    @Test
    void noCheckpointReadsAsZero() throws Exception {
        assertThat(new Checkpoint(dir, true).read()).isZero();
    }

    @Test
    void aWrittenSequenceIsReadBackAndReplacesTheLast() throws Exception {
        Checkpoint checkpoint = new Checkpoint(dir, true);
        checkpoint.write(41);
        checkpoint.write(1L << 40);

        assertThat(new Checkpoint(dir, true).read()).isEqualTo(1L << 40);
        assertThat(dir.resolve("checkpoint.tmp")).doesNotExist();
    }

    @Test
    void aTempFileLeftByACrashIsIgnoredAndRemoved() throws Exception {
        new Checkpoint(dir, true).write(7);
        Files.write(dir.resolve("checkpoint.tmp"), new byte[] {1, 2, 3});

        assertThat(new Checkpoint(dir, true).read()).isEqualTo(7);
        assertThat(dir.resolve("checkpoint.tmp")).doesNotExist();
    }

    @Test
    void aDamagedCheckpointReadsAsZeroSoEverythingIsReplayed() throws Exception {
        new Checkpoint(dir, true).write(7);
        byte[] bytes = Files.readAllBytes(dir.resolve("checkpoint"));
        bytes[6] ^= 1;
        Files.write(dir.resolve("checkpoint"), bytes);

        assertThat(new Checkpoint(dir, true).read()).isZero();
    }
}
