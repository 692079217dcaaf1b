package io.tributary.client.internal;

import io.grpc.Context;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.grpc.GrpcErrors;
import io.tributary.proto.v1.ClusterAdminGrpc.ClusterAdminBlockingStub;
import io.tributary.proto.v1.ReassignmentProgress;
import java.time.Duration;
import java.util.Iterator;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Follows a replica reassignment the leading coordinator runs (drain, rebalance): hands each
 * progress report to the caller as it arrives and returns the last one. Confined to the calling
 * thread. The call is found (leader redirects, retries) only up to its first report: once moves
 * have started, a broken stream is reported instead of starting the work again.
 */
public final class Reassignments {
  private Reassignments() {}

  /** A started call: its first report (null when the stream ended at once) and the rest. */
  private record Started(ReassignmentProgress first, Iterator<ReassignmentProgress> rest) {}

  public static ReassignmentProgress follow(CoordinatorPool coordinators, String what, Duration timeout,
      Function<ClusterAdminBlockingStub, Iterator<ReassignmentProgress>> rpc, Consumer<ReassignmentProgress> progress) {
    Context.CancellableContext call = Context.current().withCancellation();
    Context previous = call.attach();
    try {
      Started started = coordinators.cluster(what, timeout, stub -> {
        Iterator<ReassignmentProgress> reports = rpc.apply(stub);
        return new Started(reports.hasNext() ? reports.next() : null, reports);
      });
      return drain(what, started, progress);
    } finally {
      call.detach(previous);
      call.cancel(null); // ends the server stream if the caller stopped reading early
    }
  }

  private static ReassignmentProgress drain(String what, Started started, Consumer<ReassignmentProgress> progress) {
    ReassignmentProgress last = started.first();
    if (last == null) {
      throw new TributaryException(ErrorCode.INTERNAL, what + ": the coordinator ended the call without a report");
    }
    progress.accept(last);
    try {
      while (!last.getDone() && started.rest().hasNext()) {
        last = started.rest().next();
        progress.accept(last);
      }
    } catch (RuntimeException e) {
      TributaryException failure = GrpcErrors.fromGrpc(e);
      throw new TributaryException(failure.code(), what + " stopped after " + last.getFinished() + " of "
          + last.getPlanned() + " moves: " + failure.getMessage() + "; check 'trib cluster status' and run it again",
          failure);
    }
    return last;
  }
}
