package io.tributary.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventLoopTest {
  @Test
  void runsTasksOnItsThreadAndReturnsResults() {
    try (EventLoop loop = new EventLoop("test-loop", Duration.ofSeconds(10))) {
      assertThat(loop.call(() -> Thread.currentThread().getName())).isEqualTo("test-loop");
    }
  }

  @Test
  void rethrowsTheTaskErrorAndKeepsRunning() {
    try (EventLoop loop = new EventLoop("test-loop", Duration.ofSeconds(10))) {
      assertThatThrownBy(() -> loop.call(() -> {
        throw Errors.streamNotFound("gone");
      })).isInstanceOfSatisfying(TributaryException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND));
      loop.execute(() -> {
        throw new IllegalStateException("a failing background task, logged on purpose");
      });
      assertThat(loop.call(() -> 42)).isEqualTo(42);
    }
  }

  @Test
  void waitsOnlyAsLongAsItsBound() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    try (EventLoop loop = new EventLoop("test-loop", Duration.ofMillis(200))) {
      loop.execute(() -> {
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      assertThatThrownBy(() -> loop.call(() -> 1))
          .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
          .hasMessageContaining("did not finish the request");
      release.countDown();
    }
  }

  @Test
  void refusesWorkOnceClosed() {
    EventLoop loop = new EventLoop("test-loop", Duration.ofSeconds(1));
    loop.close();
    assertThatThrownBy(() -> loop.call(() -> 1))
        .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
        .hasMessageContaining("shutting down");
  }
}
