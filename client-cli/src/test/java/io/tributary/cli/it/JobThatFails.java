package io.tributary.cli.it;

import io.tributary.api.JobEnvironment;
import io.tributary.api.functions.MapFunction;

/** A bounded job whose map function throws on record 500: the failure a user's bug causes. */
public final class JobThatFails {
  private JobThatFails() {}

  public static void main(String[] args) throws Exception {
    JobEnvironment env = JobEnvironment.getExecutionEnvironment();
    env.fromSequence(1, 1_000).map(new RejectPoison()).name("Reject poison").discard();
    env.execute("job-that-fails");
  }

  /** The user's own exception type, so that the failure shows it was user code that threw. */
  public static final class PoisonRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PoisonRecordException(String message) {
      super(message);
    }
  }

  static final class RejectPoison implements MapFunction<Long, Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public Long map(Long value) {
      if (value == 500) {
        throw new PoisonRecordException("record " + value + " is poison");
      }
      return value;
    }
  }
}
