package io.tributary.common.auth;

import java.util.Arrays;
import java.util.List;

/**
 * The parts of a SigV4 {@code Authorization} header: {@code AWS4-HMAC-SHA256
 * Credential=ID/DATE/REGION/SERVICE/aws4_request, SignedHeaders=a;b, Signature=hex}. Immutable.
 */
record AuthorizationHeader(
    String accessKeyId,
    String date,
    String region,
    String service,
    String terminator,
    String signedHeaders,
    List<String> signedHeaderNames,
    String signature) {

  static final String ALGORITHM = "AWS4-HMAC-SHA256";

  /** Parses the header; throws IllegalArgumentException naming what is missing or malformed. */
  static AuthorizationHeader parse(String value) {
    String text = value.strip();
    if (!text.startsWith(ALGORITHM + " ")) {
      throw new IllegalArgumentException(
          "the Authorization header is not AWS Signature Version 4 (it must start with '"
              + ALGORITHM + "'); sign requests with SigV4");
    }
    String credential = null;
    String signedHeaders = null;
    String signature = null;
    for (String part : text.substring(ALGORITHM.length()).split(",")) {
      String p = part.strip();
      if (p.startsWith("Credential=")) {
        credential = p.substring("Credential=".length());
      } else if (p.startsWith("SignedHeaders=")) {
        signedHeaders = p.substring("SignedHeaders=".length());
      } else if (p.startsWith("Signature=")) {
        signature = p.substring("Signature=".length());
      }
    }
    require(credential, "Credential");
    require(signedHeaders, "SignedHeaders");
    require(signature, "Signature");
    String[] scope = credential.split("/", -1);
    if (scope.length != 5 || Arrays.stream(scope).anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException(
          "the Authorization Credential must be ID/YYYYMMDD/REGION/SERVICE/aws4_request");
    }
    if (!signature.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "the Authorization Signature must be 64 lowercase hex digits");
    }
    List<String> names = List.of(signedHeaders.split(";", -1));
    if (names.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException(
          "the Authorization SignedHeaders must be header names separated by ';'");
    }
    return new AuthorizationHeader(
        scope[0], scope[1], scope[2], scope[3], scope[4], signedHeaders, names, signature);
  }

  String scope() {
    return date + '/' + region + '/' + service + '/' + terminator;
  }

  private static void require(String part, String name) {
    if (part == null || part.isEmpty()) {
      throw new IllegalArgumentException(
          "the Authorization header lacks its " + name + "= part; send Credential=, "
              + "SignedHeaders= and Signature=");
    }
  }
}
