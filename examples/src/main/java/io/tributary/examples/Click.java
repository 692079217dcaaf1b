package io.tributary.examples;

/**
 * One page view of the clickstream, read from a line such as
 * {@code {"user":"u1","page":"/home","ts":1700000000000}} ({@code ts} in epoch milliseconds).
 * Immutable.
 *
 * <p>The parser reads just these three fields of a flat JSON object, in any order, and ignores
 * others; it is small on purpose, so that the example needs no JSON library in its jar.
 */
public record Click(String user, String page, long ts) {
  /** The click a line describes, or null when a field is missing or malformed. */
  public static Click parse(String line) {
    String user = stringField(line, "user");
    String page = stringField(line, "page");
    Long ts = numberField(line, "ts");
    return user == null || page == null || ts == null ? null : new Click(user, page, ts);
  }

  /** The JSON line this click is read from. */
  public String toJson() {
    return "{\"user\":\"" + escape(user) + "\",\"page\":\"" + escape(page) + "\",\"ts\":" + ts + "}";
  }

  private static String stringField(String line, String name) {
    int at = valueStart(line, name);
    if (at < 0 || at >= line.length() || line.charAt(at) != '"') {
      return null;
    }
    StringBuilder value = new StringBuilder();
    for (int i = at + 1; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        return value.toString();
      }
      if (c == '\\' && i + 1 < line.length()) {
        c = line.charAt(++i);
      }
      value.append(c);
    }
    return null;
  }

  private static Long numberField(String line, String name) {
    int at = valueStart(line, name);
    if (at < 0) {
      return null;
    }
    int end = at;
    while (end < line.length() && (Character.isDigit(line.charAt(end)) || (end == at && line.charAt(end) == '-'))) {
      end++;
    }
    try {
      return Long.parseLong(line.substring(at, end));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Index of the first non-blank character after {@code "name":}, or -1. */
  private static int valueStart(String line, String name) {
    String key = "\"" + name + "\"";
    int from = 0;
    while (true) {
      int at = line.indexOf(key, from);
      if (at < 0) {
        return -1;
      }
      int i = skipBlanks(line, at + key.length());
      if (i < line.length() && line.charAt(i) == ':') {
        return skipBlanks(line, i + 1);
      }
      from = at + 1;
    }
  }

  private static int skipBlanks(String line, int from) {
    int i = from;
    while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    return i;
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
