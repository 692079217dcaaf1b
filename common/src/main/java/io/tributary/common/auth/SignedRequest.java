package io.tributary.common.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * What the SigV4 check needs of an HTTP request, independent of the HTTP stack. Immutable value.
 *
 * @param method the request method as sent, e.g. {@code POST}
 * @param rawPath the path as sent on the request line or in {@code :path}, still percent-encoded,
 *     without the query
 * @param rawQuery the query string as sent, still percent-encoded, without {@code ?}; empty when
 *     none
 * @param headers the request headers
 * @param authority the HTTP/2 {@code :authority}, used as {@code host} when no {@code host}
 *     header came (HTTP/2 clients sign {@code host} but send it as {@code :authority}); null on
 *     HTTP/1.1
 * @param bodySha256 lowercase hex SHA-256 of the body as received ({@link #sha256Hex})
 */
public record SignedRequest(
    String method,
    String rawPath,
    String rawQuery,
    RequestHeaders headers,
    String authority,
    String bodySha256) {

  public SignedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(rawPath, "rawPath");
    rawQuery = rawQuery == null ? "" : rawQuery;
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(bodySha256, "bodySha256");
  }

  /** Lowercase hex SHA-256 of {@code body}, the form SigV4 uses for payload hashes. */
  public static String sha256Hex(byte[] body) {
    try {
      return Hex.of(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256, which every Java 17 JVM has", e);
    }
  }

  /** The same for text, encoded as UTF-8. */
  public static String sha256Hex(String body) {
    return sha256Hex(body.getBytes(StandardCharsets.UTF_8));
  }
}
