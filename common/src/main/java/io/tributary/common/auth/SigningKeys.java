package io.tributary.common.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derives SigV4 signing keys and computes HMAC-SHA256. Thread-safe.
 *
 * <p>A signing key depends only on (key id, day, region, service), so it is cached: each request
 * then costs one HMAC instead of five. The cache is cleared when it grows past a bound, which only
 * many regions or services or key ids at once can reach.
 */
final class SigningKeys {
  private static final int MAX_CACHED = 1024;
  private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(SigningKeys::newMac);

  private record Scope(String accessKeyId, String date, String region, String service) {}

  private final ConcurrentHashMap<Scope, byte[]> cache = new ConcurrentHashMap<>();

  byte[] signingKey(String accessKeyId, String secret, String date, String region, String service) {
    Scope scope = new Scope(accessKeyId, date, region, service);
    byte[] key = cache.get(scope);
    if (key == null) {
      byte[] kDate = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
      key = hmac(hmac(hmac(kDate, region), service), "aws4_request");
      if (cache.size() >= MAX_CACHED) {
        cache.clear();
      }
      cache.put(scope, key);
    }
    return key;
  }

  static byte[] hmac(byte[] key, String data) {
    Mac mac = MAC.get();
    try {
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 refused a key; every Java 17 JVM accepts it", e);
    }
    return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
  }

  private static Mac newMac() {
    try {
      return Mac.getInstance("HmacSHA256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JVM lacks HmacSHA256, which every Java 17 JVM has", e);
    }
  }
}
