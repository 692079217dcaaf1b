package io.tributary.gateway;

/**
 * Where and how the gateway listens. Immutable; validated on construction.
 *
 * @param host address to bind
 * @param port port to bind, 0 for a free one
 * @param handlerThreads threads that run operations (they block on cluster calls)
 * @param queueCapacity requests waiting for a handler thread before the gateway answers 503
 * @param maxBody largest request body accepted, in bytes
 * @param tls the certificate and key to serve TLS with, or null to serve cleartext HTTP
 */
public record GatewaySettings(String host, int port, int handlerThreads, int queueCapacity, int maxBody,
    GatewayTls tls) {
  public static final int DEFAULT_MAX_BODY = 16 << 20;

  public GatewaySettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("gateway port must be 0..65535 (0 picks a free port), got " + port);
    }
    if (handlerThreads < 1 || queueCapacity < 1 || maxBody < 1024) {
      throw new IllegalArgumentException("gateway handler threads and queue capacity must be at least 1 and the"
          + " body limit at least 1024 bytes, got " + handlerThreads + ", " + queueCapacity + ", " + maxBody);
    }
  }

  /** Cleartext settings. */
  public GatewaySettings(String host, int port, int handlerThreads, int queueCapacity, int maxBody) {
    this(host, port, handlerThreads, queueCapacity, maxBody, null);
  }

  /** The same settings serving TLS only, with {@code tls}. */
  public GatewaySettings withTls(GatewayTls tls) {
    return new GatewaySettings(host, port, handlerThreads, queueCapacity, maxBody, tls);
  }

  /** {@code https} with TLS, else {@code http}: what endpoint URLs pointed at this gateway start with. */
  public String scheme() {
    return tls != null ? "https" : "http";
  }

  /** Defaults sized from the core count: handlers block on the cluster, so a few per core. */
  public static GatewaySettings defaults(String host, int port) {
    int threads = Math.min(64, Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
    return new GatewaySettings(host, port, threads, 1024, DEFAULT_MAX_BODY);
  }
}
