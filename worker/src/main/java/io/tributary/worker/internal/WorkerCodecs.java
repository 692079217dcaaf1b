package io.tributary.worker.internal;

import io.tributary.worker.exchange.CodecRegistry;
import io.tributary.worker.exchange.ElementBatch;
import io.tributary.worker.exchange.ElementCodec;
import io.tributary.worker.exchange.KryoCodecRegistry;

/**
 * The codec of each job on this worker, answering also for jobs not deployed here yet. Thread-safe.
 *
 * <p>A consumer on another worker may open its exchange before the producer's subtask (and with it
 * the job's codec) arrives here; the exchange then waits for the partition, so the codec is looked
 * up when the first batch is encoded instead of failing the open.
 */
final class WorkerCodecs implements CodecRegistry {
  private final KryoCodecRegistry codecs;

  WorkerCodecs(KryoCodecRegistry codecs) {
    this.codecs = codecs;
  }

  @Override
  public ElementCodec codecFor(String jobId) {
    return new ElementCodec() {
      @Override
      public byte[] encode(ElementBatch batch) {
        return codecs.codecFor(jobId).encode(batch);
      }

      @Override
      public ElementBatch decode(byte[] bytes) {
        return codecs.codecFor(jobId).decode(bytes);
      }
    };
  }
}
