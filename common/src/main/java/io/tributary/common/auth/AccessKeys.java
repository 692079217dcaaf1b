package io.tributary.common.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The access keys a cluster accepts: access key id to secret access key. Immutable, thread-safe.
 *
 * <p>Text form, one key per line: {@code ID:SECRET} or {@code ID SECRET} (any run of spaces or
 * tabs). Blank lines and lines starting with {@code #} are ignored; surrounding whitespace is
 * trimmed; an id may appear once. Ids are what AWS tools call the access key id (letters, digits,
 * {@code _}, {@code -}); a secret is any text without whitespace or {@code :}. The command-line
 * form {@code --access-key ID:SECRET} is one such line.
 *
 * <p>Secrets never appear in {@link #toString()} or in error messages: a message names the line
 * number and the id, since logs and terminals are read by more people than the key file.
 */
public final class AccessKeys {
  private final Map<String, String> secretsById;

  private AccessKeys(Map<String, String> secretsById) {
    this.secretsById = Map.copyOf(secretsById);
  }

  /** Keys from a map of id to secret, checked like the text form. */
  public static AccessKeys of(Map<String, String> secretsById) {
    secretsById.forEach((id, secret) -> checkEntry(id, secret, "access key '" + id + "'"));
    return new AccessKeys(secretsById);
  }

  /** No keys: every signed request is refused with an unknown key id. */
  public static AccessKeys none() {
    return new AccessKeys(Map.of());
  }

  /** Parses the text form described on the class; {@code source} names it in errors. */
  public static AccessKeys parse(String text, String source) {
    Map<String, String> keys = new LinkedHashMap<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = source + " line " + (i + 1);
      String[] entry = split(line, where);
      checkEntry(entry[0], entry[1], where);
      if (keys.putIfAbsent(entry[0], entry[1]) != null) {
        throw new IllegalArgumentException(
            where + ": access key id '" + entry[0] + "' appears twice; keep one line per id");
      }
    }
    return new AccessKeys(keys);
  }

  /** Reads and parses a key file (UTF-8). */
  public static AccessKeys load(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), "access key file " + file);
  }

  /** This set plus {@code other}'s keys; an id present in both must not be given twice. */
  public AccessKeys with(AccessKeys other) {
    Map<String, String> merged = new LinkedHashMap<>(secretsById);
    other.secretsById.forEach(
        (id, secret) -> {
          if (merged.putIfAbsent(id, secret) != null) {
            throw new IllegalArgumentException(
                "access key id '" + id + "' is given twice; keep it in one place");
          }
        });
    return new AccessKeys(merged);
  }

  /** The secret for an access key id, if the cluster knows the id. */
  public Optional<String> secret(String accessKeyId) {
    return Optional.ofNullable(secretsById.get(accessKeyId));
  }

  public Set<String> ids() {
    return secretsById.keySet();
  }

  public boolean isEmpty() {
    return secretsById.isEmpty();
  }

  @Override
  public String toString() {
    return "AccessKeys" + ids().stream().sorted().toList();
  }

  private static String[] split(String line, String where) {
    int colon = line.indexOf(':');
    String[] parts =
        colon >= 0
            ? new String[] {line.substring(0, colon).strip(), line.substring(colon + 1).strip()}
            : line.split("[ \t]+", 2);
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          where + ": expected 'ID:SECRET' or 'ID SECRET', found one word; add the secret");
    }
    return parts;
  }

  private static void checkEntry(String id, String secret, String where) {
    if (id == null || id.isEmpty() || !id.chars().allMatch(AccessKeys::isIdChar)) {
      throw new IllegalArgumentException(
          where + ": the access key id must be letters, digits, '_' or '-' (e.g. AKIDEXAMPLE)");
    }
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException(
          where + ": access key id '" + id + "' has an empty secret; write ID:SECRET");
    }
    if (secret.chars().anyMatch(c -> Character.isWhitespace(c) || c == ':')) {
      throw new IllegalArgumentException(
          where + ": the secret of access key id '" + id
              + "' contains whitespace or ':'; write one ID:SECRET per line");
    }
  }

  private static boolean isIdChar(int c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || c == '_' || c == '-';
  }
}
