package io.tributary.worker.exchange;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.util.Pool;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Encodes element batches with Kryo 5 for the wire, resolving classes through the job's class
 * loader. Thread-safe: each call borrows a {@link KryoSession} from a pool, so every thread that
 * encodes or decodes uses its own Kryo.
 *
 * <p>Kryo rather than Java serialization because records, POJOs without a no-arg constructor and
 * collections need no user code, and the output is several times smaller and faster.
 */
public final class KryoElementCodec implements ElementCodec {
  private static final int MAX_POOLED_SESSIONS = 16;

  private final ClassLoader classLoader;
  private final ConcurrentHashMap<String, Class<?>> classes = new ConcurrentHashMap<>();
  private final Pool<KryoSession> sessions;

  /** @param classLoader loads the job's classes (its jar's loader; the api is shared through its parent) */
  public KryoElementCodec(ClassLoader classLoader) {
    this.classLoader = classLoader;
    this.sessions =
        new Pool<>(true, false, MAX_POOLED_SESSIONS) {
          @Override
          protected KryoSession create() {
            return new KryoSession(classLoader, KryoElementCodec.this::resolve);
          }
        };
  }

  @Override
  public byte[] encode(ElementBatch batch) {
    KryoSession session = sessions.obtain();
    try {
      return session.encode(batch);
    } catch (KryoException e) {
      throw new ExchangeException("cannot encode a batch of " + batch.size() + " elements: " + e.getMessage()
          + "; records must be classes Kryo can serialize (records, POJOs, collections) without cycles", e);
    } finally {
      sessions.free(session);
    }
  }

  @Override
  public ElementBatch decode(byte[] bytes) {
    KryoSession session = sessions.obtain();
    try {
      return session.decode(bytes);
    } catch (KryoException e) {
      throw new ExchangeException("cannot decode a batch of " + bytes.length + " bytes: " + e.getMessage()
          + "; producer and consumer must run the same job jar", e);
    } finally {
      sessions.free(session);
    }
  }

  private Class<?> resolve(String name) {
    Class<?> known = classes.get(name);
    return known != null ? known : classes.computeIfAbsent(name, this::load);
  }

  private Class<?> load(String name) {
    try {
      return Class.forName(name, false, classLoader);
    } catch (ClassNotFoundException e) {
      throw new KryoException("class " + name + " is not in the job's class path", e);
    }
  }
}
