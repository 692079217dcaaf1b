package io.tributary.worker.exchange;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The Kryo codec of each job running on this worker, built with the job's class loader when its
 * first subtask is deployed and dropped when the job ends. Thread-safe.
 */
public final class KryoCodecRegistry implements CodecRegistry {
  private final ConcurrentHashMap<String, KryoElementCodec> codecs = new ConcurrentHashMap<>();

  /** Registers the job's codec unless it already has one. @return the job's codec */
  public ElementCodec register(String jobId, ClassLoader jobClassLoader) {
    return codecs.computeIfAbsent(jobId, id -> new KryoElementCodec(jobClassLoader));
  }

  public void unregister(String jobId) {
    codecs.remove(jobId);
  }

  @Override
  public ElementCodec codecFor(String jobId) {
    ElementCodec codec = codecs.get(jobId);
    if (codec == null) {
      throw new ExchangeException("job " + jobId + " has no codec on this worker: no subtask of it was deployed here,"
          + " or it already ended");
    }
    return codec;
  }
}
