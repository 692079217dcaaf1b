package io.tributary.coordinator.jobs;

import com.google.protobuf.ByteString;
import io.grpc.stub.ServerCallStreamObserver;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.grpc.GrpcErrors;
import io.tributary.proto.v1.ArtifactChunk;
import java.io.IOException;
import java.io.InputStream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Streams one job jar to a worker in 1 MiB chunks, sending only while the call is ready. Thread-safe
 * (gRPC's ready and cancel handlers may run on different threads).
 *
 * <p>Following the call's readiness keeps a 256 MiB jar from being buffered whole for a slow worker.
 */
final class ArtifactUpload {
  private static final Logger LOG = LogManager.getLogger(ArtifactUpload.class);
  static final int CHUNK_BYTES = 1024 * 1024;

  private final String jobId;
  private final InputStream jar;
  private final ServerCallStreamObserver<ArtifactChunk> call;
  private boolean done; // guarded by this

  ArtifactUpload(String jobId, InputStream jar, ServerCallStreamObserver<ArtifactChunk> call) {
    this.jobId = jobId;
    this.jar = jar;
    this.call = call;
  }

  void start() {
    call.setOnCancelHandler(this::finish);
    call.setOnReadyHandler(this::pump);
  }

  private synchronized void pump() {
    try {
      while (!done && call.isReady()) {
        byte[] chunk = jar.readNBytes(CHUNK_BYTES);
        if (chunk.length == 0) {
          finish();
          call.onCompleted();
          return;
        }
        call.onNext(ArtifactChunk.newBuilder().setData(ByteString.copyFrom(chunk)).build());
      }
    } catch (IOException e) {
      finish();
      call.onError(GrpcErrors.toStatus(new TributaryException(ErrorCode.INTERNAL,
          "cannot read the jar of job '" + jobId + "': " + e.getMessage() + "; see the coordinator log", e)));
    }
  }

  private synchronized void finish() {
    if (done) {
      return;
    }
    done = true;
    try {
      jar.close();
    } catch (IOException e) {
      LOG.warn("could not close the jar of job {}: {}", jobId, e.toString());
    }
  }
}
