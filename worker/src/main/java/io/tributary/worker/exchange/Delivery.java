package io.tributary.worker.exchange;

/** A batch that arrived on one channel of an input gate. */
public record Delivery(int channel, ElementBatch batch) {}
