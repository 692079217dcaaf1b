package io.tributary.coordinator.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.checkpoint.RestartStrategy;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {
  @Test
  void noneNeverRestarts() {
    assertThat(new RestartBackoff(RestartStrategy.none()).onFailure(0)).isEmpty();
  }

  @Test
  void fixedDelayRestartsTheGivenNumberOfTimes() {
    RestartBackoff backoff = new RestartBackoff(RestartStrategy.fixedDelay(2, Duration.ofSeconds(3)));

    assertThat(backoff.onFailure(0)).contains(Duration.ofSeconds(3));
    assertThat(backoff.onFailure(10)).contains(Duration.ofSeconds(3));
    assertThat(backoff.onFailure(20)).isEmpty();
    assertThat(backoff.restarts()).isEqualTo(2);
  }

  @Test
  void exponentialDelayGrowsToItsMaximumAndResetsAfterAQuietPeriod() {
    RestartBackoff backoff = new RestartBackoff(new RestartStrategy.ExponentialDelay(Duration.ofSeconds(1),
        Duration.ofSeconds(5), 2.0, Duration.ofMinutes(1)));

    assertThat(backoff.onFailure(0)).contains(Duration.ofSeconds(1));
    assertThat(backoff.onFailure(1_000)).contains(Duration.ofSeconds(2));
    assertThat(backoff.onFailure(2_000)).contains(Duration.ofSeconds(4));
    assertThat(backoff.onFailure(3_000)).contains(Duration.ofSeconds(5));
    assertThat(backoff.onFailure(4_000)).contains(Duration.ofSeconds(5));
    assertThat(backoff.onFailure(64_000)).as("a minute without failures").contains(Duration.ofSeconds(1));
  }

  @Test
  void failureRateGivesUpWhenTooManyFailuresFallInTheInterval() {
    RestartBackoff backoff = new RestartBackoff(RestartStrategy.failureRate(2, Duration.ofSeconds(10),
        Duration.ofMillis(500)));

    assertThat(backoff.onFailure(0)).contains(Duration.ofMillis(500));
    assertThat(backoff.onFailure(5_000)).contains(Duration.ofMillis(500));
    assertThat(backoff.onFailure(10_000)).as("the failure at 0 left the interval").contains(Duration.ofMillis(500));
    Optional<Duration> third = backoff.onFailure(12_000);
    assertThat(third).as("three failures within 10 s").isEmpty();
  }
}
