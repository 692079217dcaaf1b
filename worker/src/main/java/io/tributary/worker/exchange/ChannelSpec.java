package io.tributary.worker.exchange;

import io.tributary.worker.TaskKey;

/**
 * One input channel of a consuming subtask: the subpartition {@code consumerSubtask} of output edge
 * {@code outputIndex} of {@code producer}, which runs at {@code producerAddress}; {@code input} is
 * the head operator's input (1 or 2).
 */
public record ChannelSpec(int input, TaskKey producer, int outputIndex, int consumerSubtask, String producerAddress) {}
