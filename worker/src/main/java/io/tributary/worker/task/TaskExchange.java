package io.tributary.worker.task;

import io.tributary.worker.TaskKey;
import io.tributary.worker.exchange.ChannelSpec;
import io.tributary.worker.exchange.ExchangeEnvironment;
import io.tributary.worker.exchange.InputGate;
import io.tributary.worker.exchange.RecordWriter;
import java.util.List;

/** Where a subtask gets its output writers and its input gate. Thread-safe. */
public interface TaskExchange {
  RecordWriter createWriter(TaskKey producer, int outputIndex, int numChannels);

  InputGate createGate(TaskKey consumer, List<ChannelSpec> channels);

  /** The worker's data exchange. */
  static TaskExchange of(ExchangeEnvironment exchange) {
    return new TaskExchange() {
      @Override
      public RecordWriter createWriter(TaskKey producer, int outputIndex, int numChannels) {
        return exchange.createWriter(producer, outputIndex, numChannels);
      }

      @Override
      public InputGate createGate(TaskKey consumer, List<ChannelSpec> channels) {
        return exchange.createGate(consumer, channels);
      }
    };
  }
}
