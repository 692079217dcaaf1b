package io.tributary.worker.exchange;

/** Encodes element batches for the wire (Kryo, with a per-batch class dictionary). Thread-safe. */
public interface ElementCodec {
  byte[] encode(ElementBatch batch);

  ElementBatch decode(byte[] bytes);
}
