package io.tributary.delivery.spec;

import io.tributary.common.error.Errors;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * A parsed destination: its kind and the parts each kind needs. Immutable.
 *
 * <ul>
 *   <li>{@code file:///abs/dir}: {@code location} is the directory;
 *   <li>{@code s3://bucket/optional/prefix}: {@code location} is the bucket, {@code path} the key prefix
 *       (without a leading '/', ending in '/' when not empty);
 *   <li>{@code http://...} / {@code https://...}: {@code location} is the whole URL;
 *   <li>{@code jdbc:postgresql://...}: {@code location} is the whole JDBC URL.
 * </ul>
 */
public record DestinationUri(Kind kind, String location, String path, String uri) implements Serializable {
  private static final long serialVersionUID = 1L;

  public enum Kind { FILE, S3, HTTP, JDBC }

  /** Parses a destination, refusing unknown schemes and malformed URIs with the forms accepted. */
  public static DestinationUri parse(String text) {
    if (text == null || text.isBlank()) {
      throw Errors.invalid("the destination is missing; give --destination file:///DIR, s3://BUCKET/PREFIX,"
          + " http(s)://HOST/PATH or jdbc:postgresql://HOST/DB");
    }
    String t = text.trim();
    if (t.startsWith("jdbc:")) {
      if (!t.startsWith("jdbc:postgresql://")) {
        throw Errors.invalid("JDBC destination '" + t + "' is not PostgreSQL; give jdbc:postgresql://HOST[:PORT]/DB");
      }
      return new DestinationUri(Kind.JDBC, t, "", t);
    }
    URI uri;
    try {
      uri = new URI(t);
    } catch (URISyntaxException e) {
      throw Errors.invalid("destination '" + t + "' is not a valid URI (" + e.getReason() + " at index "
          + e.getIndex() + "); give file:///DIR, s3://BUCKET/PREFIX, http(s)://HOST/PATH or jdbc:postgresql://HOST/DB");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    switch (scheme) {
      case "file" -> {
        if (uri.getPath() == null || !uri.getPath().startsWith("/")) {
          throw Errors.invalid("file destination '" + t + "' needs an absolute directory: file:///ABSOLUTE/DIR");
        }
        return new DestinationUri(Kind.FILE, uri.getPath(), "", t);
      }
      case "s3" -> {
        String bucket = uri.getHost();
        if (bucket == null || bucket.isBlank()) {
          throw Errors.invalid("S3 destination '" + t + "' names no bucket; give s3://BUCKET/PREFIX");
        }
        String p = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/+", "");
        if (!p.isEmpty() && !p.endsWith("/")) {
          p = p + "/";
        }
        return new DestinationUri(Kind.S3, bucket, p, t);
      }
      case "http", "https" -> {
        if (uri.getHost() == null) {
          throw Errors.invalid("HTTP destination '" + t + "' names no host; give http(s)://HOST[:PORT]/PATH");
        }
        return new DestinationUri(Kind.HTTP, t, "", t);
      }
      default -> throw Errors.invalid("unknown destination scheme '" + (scheme.isEmpty() ? t : scheme + ":")
          + "' in '" + t + "'; give file:///DIR, s3://BUCKET/PREFIX, http(s)://HOST/PATH or jdbc:postgresql://HOST/DB");
    }
  }

  /** Whether objects (files, S3 keys) are written, rather than batches sent. */
  public boolean isObjectStore() {
    return kind == Kind.FILE || kind == Kind.S3;
  }

  public String scheme() {
    return switch (kind) {
      case FILE -> "file";
      case S3 -> "s3";
      case HTTP -> "http";
      case JDBC -> "jdbc";
    };
  }
}
