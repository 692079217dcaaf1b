package io.tributary.cli.cluster;

import io.tributary.cli.output.Json;
import io.tributary.cli.output.Output;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.proto.v1.ReassignmentProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * Prints reassignment reports as they arrive and turns the last one into the command's outcome.
 * Confined to the command's thread. With JSON output the reports form one array, one report per
 * line, written and flushed as each arrives, so a script can follow a long drain and still parse
 * the whole output as one document.
 */
final class ReassignmentPrinter {
  private final Output output;
  private final boolean dryRun;
  private int printed;
  private boolean closed;

  ReassignmentPrinter(Output output, boolean dryRun) {
    this.output = output;
    this.dryRun = dryRun;
  }

  void report(ReassignmentProgress p) {
    if (output.json()) {
      output.writer().print(printed == 0 ? "[\n" : ",\n");
      try {
        output.writer().print(Json.MAPPER.writeValueAsString(ReassignmentViews.json(p)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write JSON: " + e.getMessage(), e);
      }
    } else {
      output.line(ReassignmentViews.line(p, dryRun));
    }
    printed++;
    output.flush();
  }

  /**
   * Closes the output and returns exit status 0 when the last report says the work is done without
   * error; otherwise throws the reported error (exit status 1, its message on stderr).
   */
  /** A reassignment call that reports each progress message to its argument and returns the last. */
  @FunctionalInterface
  interface Call {
    ReassignmentProgress run(Consumer<ReassignmentProgress> progress);
  }

  /** Runs {@code call}, printing its progress, then the summary; the exit code. */
  int follow(String what, Call call) {
    ReassignmentProgress last;
    try {
      last = call.run(this::report);
    } catch (TributaryException e) {
      closeJson();
      throw e;
    }
    return finish(what, last);
  }

  int finish(String what, ReassignmentProgress last) {
    closeJson();
    if (last.hasError()) {
      ErrorCode code = ErrorCode.fromShortName(last.getError().getCode());
      throw new TributaryException(code, what + " stopped after " + last.getFinished() + " of " + last.getPlanned()
          + " moves: " + last.getError().getMessage());
    }
    if (!last.getDone()) {
      throw new TributaryException(ErrorCode.UNAVAILABLE, what + " ended after " + last.getFinished() + " of "
          + last.getPlanned() + " moves without saying it was done; check 'trib cluster status' and run it again");
    }
    if (!output.json()) {
      output.line(ReassignmentViews.summary(what, last, dryRun));
    }
    return 0;
  }

  /** Ends the JSON array after an error too, so that what was printed stays one document. */
  void closeJson() {
    if (output.json() && !closed) {
      output.writer().print(printed == 0 ? "[]\n" : "\n]\n");
      output.flush();
    }
    closed = true;
  }
}
