package io.tributary.gateway.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.time.ManualClock;
import io.tributary.gateway.wire.GatewayException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PageTokensTest {
  private final ManualClock clock = new ManualClock(1_700_000_000_000L);
  private final PageTokens tokens = new PageTokens(clock);

  @Test
  void roundTripsThePageAndItsFilter() {
    PageTokens.Page page = new PageTokens.Page("clicks", "uid-1", "shardId-000000000004",
        new ShardFilter("AT_TIMESTAMP", null, 1_699_999_000_123L));
    assertThat(tokens.read(tokens.issue(page))).isEqualTo(page);
    PageTokens.Page plain = new PageTokens.Page("c", "u", "shardId-000000000000", ShardFilter.ALL);
    assertThat(tokens.read(tokens.issue(plain))).isEqualTo(plain);
  }

  @Test
  void expiresAfterFiveMinutes() {
    String token = tokens.issue(new PageTokens.Page("c", "u", "shardId-000000000000", ShardFilter.ALL));
    clock.advance(Duration.ofMinutes(5));
    assertThat(tokens.read(token).stream()).isEqualTo("c");
    clock.advance(Duration.ofMillis(1));
    assertThatThrownBy(() -> tokens.read(token)).isInstanceOf(GatewayException.class)
        .satisfies(e -> assertThat(((GatewayException) e).type()).isEqualTo("ExpiredNextTokenException"));
  }

  @Test
  void rejectsTokensItDidNotIssue() {
    assertThatThrownBy(() -> tokens.read("!!")).isInstanceOf(GatewayException.class)
        .hasMessageContaining("not one ListShards issued");
    assertThatThrownBy(() -> tokens.read("AQ")).isInstanceOf(GatewayException.class)
        .hasMessageContaining("not one ListShards issued");
  }
}
