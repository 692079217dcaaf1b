package io.tributary.delivery.destination;

import io.tributary.delivery.spec.DestinationUri;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Checks, without writing anything, whether a destination can be reached now. Stateless. Creation
 * only warns on a problem: the store may come up later, and the delivery job buffers and retries.
 */
final class DestinationProbe {
  private DestinationProbe() {}

  /** Why {@code uri} cannot be reached now, or empty when it can. */
  static Optional<String> problem(DestinationUri uri, Map<String, String> options, Duration timeout) {
    return Optional.ofNullable(switch (uri.kind()) {
      case FILE -> file(Path.of(uri.location()));
      case S3 -> s3(uri.location(), options, timeout);
      case HTTP -> http(URI.create(uri.location()), timeout);
      case JDBC -> jdbc(uri.location(), options, timeout);
    });
  }

  /** The directory must be writable, or creatable: its nearest existing ancestor a writable directory. */
  private static String file(Path dir) {
    Path p = dir.toAbsolutePath().normalize();
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    if (p == null) {
      return "no part of " + dir + " exists";
    }
    if (!Files.isDirectory(p)) {
      return p + " is not a directory";
    }
    if (!Files.isWritable(p)) {
      return p.equals(dir) ? "directory " + dir + " is not writable" : "directory " + dir
          + " does not exist and " + p + " is not writable to create it";
    }
    return null;
  }

  private static String s3(String bucket, Map<String, String> options, Duration timeout) {
    try (S3Client client = S3Clients.build(options, timeout)) {
      client.headBucket(b -> b.bucket(bucket));
      return null;
    } catch (NoSuchBucketException e) {
      return "bucket " + bucket + " does not exist";
    } catch (S3Exception e) {
      return "HeadBucket of " + bucket + " was answered " + e.statusCode()
          + (e.statusCode() == 403 ? " (access denied: check the credentials)" : " (" + e.getMessage() + ")");
    } catch (SdkException e) {
      return e.getMessage();
    }
  }

  private static String http(URI uri, Duration timeout) {
    int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(uri.getHost(), port), (int) Math.max(1, timeout.toMillis()));
      return null;
    } catch (IOException e) {
      return "cannot connect to " + uri.getHost() + ":" + port + ": " + e.getMessage();
    }
  }

  private static String jdbc(String url, Map<String, String> options, Duration timeout) {
    try (Connection c = DriverManager.getConnection(url, Destinations.jdbcProperties(options, timeout))) {
      return c.isValid((int) Math.max(1, timeout.toSeconds())) ? null : "the connection is not valid";
    } catch (SQLException e) {
      return e.getMessage();
    }
  }
}
