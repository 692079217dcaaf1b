package io.tributary.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessKeysTest {
  @Test
  void parsesColonAndSpaceFormsSkippingCommentsAndBlankLines() {
    AccessKeys keys = AccessKeys.parse(
        "# ops team\n\nAKID1:se/cr+et1\r\n  AKID2 \t secret2  \n", "test");

    assertThat(keys.ids()).containsExactlyInAnyOrder("AKID1", "AKID2");
    assertThat(keys.secret("AKID1")).contains("se/cr+et1");
    assertThat(keys.secret("AKID2")).contains("secret2");
    assertThat(keys.secret("AKID3")).isEmpty();
  }

  @Test
  void loadsAFile(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("keys"), "AKID1:s1\n");

    assertThat(AccessKeys.load(file).secret("AKID1")).contains("s1");
  }

  @Test
  void errorsNameTheLineAndIdButNeverTheSecret() {
    assertThatThrownBy(() -> AccessKeys.parse("A:topsecret\nA:topsecret2\n", "keys"))
        .hasMessageContaining("keys line 2").hasMessageContaining("'A' appears twice")
        .hasMessageNotContaining("topsecret");
    assertThatThrownBy(() -> AccessKeys.parse("A:top secret\n", "keys"))
        .hasMessageContaining("keys line 1").hasMessageNotContaining("top");
    assertThatThrownBy(() -> AccessKeys.parse("justoneword\n", "keys"))
        .hasMessageContaining("expected 'ID:SECRET'");
    assertThatThrownBy(() -> AccessKeys.parse("A:\n", "keys"))
        .hasMessageContaining("empty secret");
    assertThatThrownBy(() -> AccessKeys.parse("bad/id:secret\n", "keys"))
        .hasMessageContaining("letters, digits").hasMessageNotContaining("secret\n");
  }

  @Test
  void toStringShowsIdsOnly() {
    AccessKeys keys = AccessKeys.of(Map.of("AKID1", "hunter2"));

    assertThat(keys.toString()).contains("AKID1").doesNotContain("hunter2");
    assertThat(new SigV4Verifier(keys, java.util.Set.of("kinesis"), java.time.Clock.systemUTC())
        .toString()).doesNotContain("hunter2");
  }

  @Test
  void mergingRefusesAnIdGivenTwice() {
    AccessKeys a = AccessKeys.of(Map.of("A", "s1"));

    assertThat(a.with(AccessKeys.of(Map.of("B", "s2"))).ids()).containsExactlyInAnyOrder("A", "B");
    assertThatThrownBy(() -> a.with(AccessKeys.of(Map.of("A", "s3"))))
        .hasMessageContaining("'A' is given twice").hasMessageNotContaining("s3");
    assertThat(AccessKeys.none().isEmpty()).isTrue();
  }
}
