package io.tributary.coordinator.jobs;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Turns exceptions into the bounded text jobs report as their failure. Stateless. */
final class FailureText {
  /** Enough for a cause chain and its top frames; failures are stored in ZooKeeper nodes. */
  static final int MAX_CHARS = 8 * 1024;

  private FailureText() {}

  /** Class, message and stack trace, cut to {@link #MAX_CHARS}. */
  static String of(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return cut(out.toString(), MAX_CHARS);
  }

  /** The cause chain as "Class: message; caused by Class: message", for error messages. */
  static String summary(Throwable t) {
    StringBuilder text = new StringBuilder(t.toString());
    for (Throwable cause = t.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      text.append("; caused by ").append(cause);
    }
    return cut(text.toString(), 1024);
  }

  static String cut(String text, int max) {
    if (text == null) {
      return "";
    }
    return text.length() <= max ? text : text.substring(0, max) + "\n\t... (cut at " + max + " characters)";
  }
}
