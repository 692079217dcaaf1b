package io.tributary.cli.job;

import io.tributary.common.error.Errors;
import io.tributary.common.grpc.GrpcServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A job jar read from disk and checked before it is sent: it exists, is readable, looks like a jar
 * and fits in one request. Immutable.
 */
public record JobJar(Path path, byte[] bytes) {
  /** Room for the rest of the SubmitJob request (class name, arguments) within one gRPC message. */
  static final int MAX_BYTES = GrpcServers.MAX_MESSAGE_BYTES - 64 * 1024;
  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

  public static JobJar read(Path path) {
    if (!Files.exists(path)) {
      throw Errors.invalid("job jar '" + path + "' does not exist; give the path of the jar that holds the job's main class");
    }
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw Errors.invalid("job jar '" + path + "' is not a readable file; check the path and its permissions");
    }
    byte[] bytes;
    try {
      long size = Files.size(path);
      if (size > MAX_BYTES) {
        throw Errors.invalid("job jar '" + path + "' has " + size + " bytes, more than the " + MAX_BYTES
            + " a submission carries; leave dependencies the cluster provides (tributary-api) out of the jar");
      }
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw Errors.invalid("cannot read job jar '" + path + "': " + e.getMessage());
    }
    if (!startsWith(bytes, ZIP_MAGIC)) {
      throw Errors.invalid("'" + path + "' is not a jar (no zip header); give the job's jar file");
    }
    return new JobJar(path, bytes);
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
