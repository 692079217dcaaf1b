package io.tributary.worker.internal;

import io.grpc.ManagedChannel;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.grpc.GrpcChannels;
import io.tributary.common.grpc.GrpcErrors;
import io.tributary.proto.v1.ArtifactChunk;
import io.tributary.proto.v1.FetchJobArtifactRequest;
import io.tributary.proto.v1.JobControlGrpc;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Fetches job jars from the coordinator into the worker's directory ({@code jobs/<jobId>/job.jar}).
 * Thread-safe; callers fetch each job once.
 */
final class JobArtifacts {
  private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(60);

  private final Path jobsDir;

  JobArtifacts(Path jobsDir) {
    this.jobsDir = jobsDir;
  }

  /** The job's jar, fetched unless cached; empty when the coordinator has none (use the worker's classes). */
  Optional<Path> fetch(String jobId, String coordinatorAddress) {
    Path jar = jobsDir.resolve(jobId).resolve("job.jar");
    if (Files.isRegularFile(jar)) {
      return Optional.of(jar);
    }
    ManagedChannel channel = GrpcChannels.forAddress(coordinatorAddress);
    try {
      return download(jobId, channel, jar);
    } catch (IOException e) {
      throw new TributaryException(ErrorCode.INTERNAL,
          "cannot store the jar of job " + jobId + " at " + jar + ": " + e.getMessage() + "; check server.dir", e);
    } catch (RuntimeException e) {
      TributaryException te = GrpcErrors.fromGrpc(e);
      throw new TributaryException(te.code(),
          "cannot fetch the jar of job " + jobId + " from coordinator " + coordinatorAddress + ": " + te.getMessage(), e);
    } finally {
      GrpcChannels.close(channel);
    }
  }

  private static Optional<Path> download(String jobId, ManagedChannel channel, Path jar) throws IOException {
    Iterator<ArtifactChunk> chunks = JobControlGrpc.newBlockingStub(channel)
        .withDeadlineAfter(FETCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .fetchJobArtifact(FetchJobArtifactRequest.newBuilder().setJobId(jobId).build());
    Files.createDirectories(jar.getParent());
    Path partial = Files.createTempFile(jar.getParent(), "job", ".partial");
    long size = 0;
    try (OutputStream out = Files.newOutputStream(partial)) {
      while (chunks.hasNext()) {
        ArtifactChunk chunk = chunks.next();
        chunk.getData().writeTo(out);
        size += chunk.getData().size();
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(partial);
      throw e;
    }
    if (size == 0) {
      Files.delete(partial);
      return Optional.empty();
    }
    Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return Optional.of(jar);
  }

  /** Deletes a released job's directory. */
  void delete(String jobId) throws IOException {
    Path dir = jobsDir.resolve(jobId);
    if (!Files.exists(dir)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
