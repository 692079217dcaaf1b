package io.tributary.worker.task;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Turns a subtask's exception into the text the job reports. Stateless. */
public final class Failures {
  private Failures() {}

  /** {@code Class: message} followed by the stack trace (with causes), as {@code printStackTrace} writes it. */
  public static String describe(Throwable t) {
    StringWriter text = new StringWriter();
    try (PrintWriter out = new PrintWriter(text)) {
      t.printStackTrace(out);
    }
    return text.toString();
  }
}
