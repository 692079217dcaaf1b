package io.tributary.common.auth;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the SigV4 canonical request from a request as received. Thread-safe (stateless).
 *
 * <p>The rules follow what the AWS SDKs sign for services other than S3: the path is normalized
 * (dot segments removed) and its already-encoded form is encoded once more, with {@code /} kept;
 * query names and values are decoded from the wire and re-encoded with only RFC 3986 unreserved
 * characters left bare, then sorted by name and value; header values are trimmed with inner
 * whitespace runs folded to one space and repeated headers joined by {@code ,}.
 */
final class CanonicalRequest {
  private CanonicalRequest() {}

  static String of(
      SignedRequest request, String signedHeaders, List<String> headerNames, String payloadHash) {
    return request.method() + '\n'
        + uri(request.rawPath()) + '\n'
        + query(request.rawQuery()) + '\n'
        + headers(request, headerNames) + '\n'
        + signedHeaders + '\n'
        + payloadHash;
  }

  static String uri(String rawPath) {
    String normalized = normalize(rawPath);
    if (normalized.isEmpty()) {
      return "/";
    }
    String path = encode(normalized, true);
    // Normalizing "/a/b/." leaves "/a/b/"; the SDKs drop a slash the sender did not write.
    if (path.length() > 1 && path.endsWith("/") && !decode(rawPath).endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return path;
  }

  static String query(String rawQuery) {
    if (rawQuery.isEmpty()) {
      return "";
    }
    Map<String, List<String>> sorted = new TreeMap<>();
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      if (name.isEmpty()) {
        continue; // the SDKs do not sign parameters without a name
      }
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      sorted.computeIfAbsent(encode(name, false), n -> new ArrayList<>(1)).add(encode(value, false));
    }
    StringBuilder out = new StringBuilder(rawQuery.length() + 16);
    sorted.forEach(
        (name, values) -> {
          values.sort(null);
          for (String value : values) {
            out.append(out.length() == 0 ? "" : "&").append(name).append('=').append(value);
          }
        });
    return out.toString();
  }

  private static String headers(SignedRequest request, List<String> names) {
    StringBuilder out = new StringBuilder(256);
    for (String name : names) {
      out.append(name).append(':');
      List<String> values = values(request, name);
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        appendTrimmed(out, values.get(i));
      }
      out.append('\n');
    }
    return out.toString();
  }

  static List<String> values(SignedRequest request, String name) {
    List<String> values = request.headers().all(name);
    if (values.isEmpty() && name.equals("host") && request.authority() != null) {
      return List.of(request.authority());
    }
    return values;
  }

  private static void appendTrimmed(StringBuilder out, String value) {
    boolean pendingSpace = false;
    boolean started = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\r' || c == '\f') {
        pendingSpace = started;
      } else {
        if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        out.append(c);
        started = true;
      }
    }
  }

  private static String normalize(String rawPath) {
    try {
      // The same normalization the SDKs apply before signing, so the two agree on edge cases.
      URI uri = new URI("http://h" + rawPath);
      String path = uri.normalize().getRawPath();
      return path == null ? "" : path;
    } catch (java.net.URISyntaxException e) {
      return rawPath; // no SDK sends this; the signature check then fails with its own message
    }
  }

  static String encode(String text, boolean keepSlash) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 8);
    for (byte b : bytes) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~' || (keepSlash && c == '/')) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  static String decode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    int i = 0;
    while (i < text.length()) {
      int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
      int lo = hi >= 0 ? Character.digit(text.charAt(i + 2), 16) : -1;
      if (text.charAt(i) == '%' && lo >= 0) {
        out.write((hi << 4) | lo);
        i += 3;
      } else {
        // Copy up to the next '%' whole, so characters outside the BMP keep both halves.
        int next = text.indexOf('%', i + 1);
        int end = next < 0 ? text.length() : next;
        out.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end;
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
