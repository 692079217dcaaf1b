package io.tributary.gateway.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.gateway.wire.GatewayException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class IteratorPeekTest {
  @Test
  void readsStreamUidAndShardFromTheIteratorLayout() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(1);
    for (String s : new String[] {"clicks", "uid-7", "shardId-000000000002"}) {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      out.write(utf8.length);
      out.writeBytes(utf8);
    }
    out.writeBytes(new byte[20]);
    String iterator = Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());

    assertThat(IteratorPeek.of(iterator)).isEqualTo(new IteratorPeek("clicks", "uid-7", "shardId-000000000002"));
  }

  @Test
  void rejectsTextThatIsNoIterator() {
    assertThatThrownBy(() -> IteratorPeek.of("not an iterator!"))
        .isInstanceOf(GatewayException.class).hasMessageContaining("GetShardIterator");
    assertThatThrownBy(() -> IteratorPeek.of("AQ"))
        .isInstanceOf(GatewayException.class).hasMessageContaining("not an iterator");
  }
}
