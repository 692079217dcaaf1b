package io.tributary.broker.internal;

import io.tributary.broker.BrokerConfig;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.rollcycles.LegacyRollCycles;

/** The Chronicle roll cycle behind each name {@link BrokerConfig#ROLL_CYCLE} accepts. Stateless. */
public final class RollCycleNames {
  private RollCycleNames() {}

  public static RollCycle forName(String name) {
    return switch (name) {
      case "minutely" -> LegacyRollCycles.MINUTELY;
      case "five-minutely" -> RollCycles.FIVE_MINUTELY;
      case "ten-minutely" -> RollCycles.TEN_MINUTELY;
      case "twenty-minutely" -> RollCycles.TWENTY_MINUTELY;
      case "half-hourly" -> RollCycles.HALF_HOURLY;
      case "hourly" -> RollCycles.FAST_HOURLY;
      case "two-hourly" -> RollCycles.TWO_HOURLY;
      case "four-hourly" -> RollCycles.FOUR_HOURLY;
      case "six-hourly" -> RollCycles.SIX_HOURLY;
      case "daily" -> RollCycles.FAST_DAILY;
      default -> throw new IllegalArgumentException(
          "unknown roll cycle '" + name + "'; use one of " + BrokerConfig.ROLL_CYCLES);
    };
  }
}
