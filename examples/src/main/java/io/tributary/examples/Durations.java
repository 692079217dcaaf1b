package io.tributary.examples;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads job arguments such as {@code 500ms}, {@code 1s}, {@code 2m} or {@code 0} (off). Stateless. */
public final class Durations {
  private static final Pattern FORM = Pattern.compile("(\\d{1,12})(ms|s|m|h)?");

  private Durations() {}

  /** @throws IllegalArgumentException naming the option and the accepted forms */
  public static Duration parse(String text, String option) {
    Matcher m = FORM.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches() || (m.group(2) == null && Long.parseLong(m.group(1)) != 0)) {
      throw new IllegalArgumentException(
          option + " '" + text + "' is not a duration; use e.g. 500ms, 1s, 2m or 0 (off)");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2) == null ? "ms" : m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofMillis(n);
    };
  }
}
