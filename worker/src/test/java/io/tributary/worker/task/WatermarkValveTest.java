package io.tributary.worker.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatermarkValveTest {
  private final List<String> out = new ArrayList<>();
  private final WatermarkValve valve = new WatermarkValve(2, new WatermarkValve.Sink() {
    @Override
    public void watermark(long watermark) {
      out.add("wm " + watermark);
    }

    @Override
    public void idle(boolean idle) {
      out.add("idle " + idle);
    }
  });

  @Test
  void forwardsTheMinimumOnlyWhenItRises() throws Exception {
    valve.watermark(0, 10);
    valve.watermark(1, 5);
    valve.watermark(1, 4);
    valve.watermark(1, 20);
    valve.watermark(0, 15);
    assertThat(out).containsExactly("wm 5", "wm 10", "wm 15");
  }

  @Test
  void anIdleChannelDoesNotHoldBackTheOthers() throws Exception {
    valve.watermark(0, 10);
    valve.idle(1, true);
    valve.watermark(0, 30);
    valve.watermark(1, 20); // active again, behind: holds back until it catches up
    valve.watermark(0, 40);
    valve.watermark(1, 50);
    assertThat(out).containsExactly("wm 10", "wm 30", "wm 40");
  }

  @Test
  void allChannelsIdleMakesTheInputIdleAtTheHighestWatermark() throws Exception {
    valve.watermark(0, 10);
    valve.watermark(1, 7);
    valve.idle(0, true);
    valve.idle(1, true);
    valve.idle(1, false);
    assertThat(out).containsExactly("wm 7", "wm 10", "idle true", "idle false");
  }

  @Test
  void anEndedChannelNoLongerHoldsBack() throws Exception {
    valve.watermark(0, 10);
    valve.watermark(1, 3);
    valve.end(1);
    valve.watermark(0, 12);
    assertThat(out).containsExactly("wm 3", "wm 10", "wm 12");
    assertThat(valve.forwarded()).isEqualTo(12);
  }
}
