package io.tributary.examples;

/** A profile line {@code userId,name,country}. Immutable. */
public record UserProfile(String userId, String name, String country) {
  /** The profile a line describes, or null when it does not have three fields and a user id. */
  public static UserProfile parse(String line) {
    String[] f = line.split(",", -1);
    if (f.length != 3 || f[0].isBlank()) {
      return null;
    }
    return new UserProfile(f[0].strip(), f[1].strip(), f[2].strip());
  }
}
