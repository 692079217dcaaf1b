package io.tributary.common.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Checks AWS Signature Version 4 on requests against the cluster's access keys. Thread-safe.
 *
 * <p>Any region in the credential scope is accepted: a self-hosted cluster has no region, users
 * point clients built for their usual region at it, and the region only salts the key derivation,
 * so a signature in any region proves possession of the secret just as well. The scope's service
 * must be one of those given (e.g. {@code kinesis} for the Kinesis API), so a signature made for
 * another API cannot be replayed here. The request date may differ from this clock by at most
 * five minutes, as on AWS; the SDKs correct their clock from the response's {@code Date} header
 * and retry.
 */
public final class SigV4Verifier {
  private static final Logger LOG = LogManager.getLogger(SigV4Verifier.class);
  static final Duration MAX_SKEW = Duration.ofMinutes(5);
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(SigV4Verifier::newSha256);

  private final AccessKeys keys;
  private final Set<String> services;
  private final Clock clock;
  private final SigningKeys signingKeys = new SigningKeys();

  /**
   * @param services the credential-scope services accepted, e.g. {@code kinesis}, {@code firehose}
   */
  public SigV4Verifier(AccessKeys keys, Set<String> services, Clock clock) {
    if (services.isEmpty()) {
      throw new IllegalArgumentException("a SigV4 verifier needs at least one service to accept");
    }
    this.keys = keys;
    this.services = Set.copyOf(services);
    this.clock = clock;
  }

  /** Checks the request's signature; never throws for anything the client sent. */
  public Verification verify(SignedRequest request) {
    String authorization = request.headers().first("authorization");
    if (authorization == null) {
      return problem(SignatureError.MISSING_AUTHENTICATION_TOKEN,
          "Missing Authentication Token: the request has no Authorization header; sign it with "
              + "AWS Signature Version 4 using an access key configured on the cluster");
    }
    AuthorizationHeader auth;
    try {
      auth = AuthorizationHeader.parse(authorization);
    } catch (IllegalArgumentException e) {
      return problem(SignatureError.INCOMPLETE_SIGNATURE, e.getMessage());
    }
    if (request.headers().contains("x-amz-security-token")) {
      return problem(SignatureError.UNRECOGNIZED_CLIENT,
          "The security token included in the request is invalid: temporary credentials "
              + "(X-Amz-Security-Token) are not supported; use an access key configured on the "
              + "cluster");
    }
    Optional<String> secret = keys.secret(auth.accessKeyId());
    if (secret.isEmpty()) {
      return problem(SignatureError.UNRECOGNIZED_CLIENT,
          "The security token included in the request is invalid: access key id '"
              + auth.accessKeyId() + "' is not configured on this cluster; use a configured "
              + "key or add it to the cluster's access keys");
    }
    return checkScopeAndDate(request, auth, secret.get());
  }

  private Verification checkScopeAndDate(
      SignedRequest request, AuthorizationHeader auth, String secret) {
    String amzDate = request.headers().first("x-amz-date");
    if (amzDate == null) {
      return problem(SignatureError.INCOMPLETE_SIGNATURE,
          "the request has no X-Amz-Date header; send the signing time as yyyyMMdd'T'HHmmss'Z'");
    }
    Instant signedAt;
    try {
      signedAt = AMZ_DATE.parse(amzDate, Instant::from);
    } catch (DateTimeParseException e) {
      return problem(SignatureError.INCOMPLETE_SIGNATURE, "X-Amz-Date '" + amzDate
          + "' is not in the form yyyyMMdd'T'HHmmss'Z' (e.g. 20260101T120000Z)");
    }
    if (!services.contains(auth.service()) || !auth.terminator().equals("aws4_request")
        || !amzDate.substring(0, 8).equals(auth.date())) {
      return problem(SignatureError.INVALID_SIGNATURE, "Credential should be scoped to "
          + amzDate.substring(0, 8) + "/<region>/" + String.join("|", services.stream().sorted()
              .toList()) + "/aws4_request, not " + auth.scope()
          + "; sign for this API's service name with the date of X-Amz-Date");
    }
    Verification skew = checkSkew(signedAt);
    if (skew != null) {
      return skew;
    }
    if (CanonicalRequest.values(request, "host").isEmpty()
        || !auth.signedHeaderNames().contains("host")) {
      return problem(SignatureError.INCOMPLETE_SIGNATURE,
          "'Host' or ':authority' must be sent and be a SignedHeader in the Authorization");
    }
    return checkSignature(request, auth, secret, amzDate);
  }

  private Verification checkSkew(Instant signedAt) {
    Instant now = clock.instant();
    if (signedAt.isBefore(now.minus(MAX_SKEW))) {
      return problem(SignatureError.INVALID_SIGNATURE, "Signature expired: "
          + AMZ_DATE.format(signedAt) + " is now earlier than " + AMZ_DATE.format(now.minus(MAX_SKEW))
          + " (" + AMZ_DATE.format(now) + " - 5 min.); sign with the current time (check the "
          + "client's clock)");
    }
    if (signedAt.isAfter(now.plus(MAX_SKEW))) {
      return problem(SignatureError.INVALID_SIGNATURE, "Signature not yet current: "
          + AMZ_DATE.format(signedAt) + " is still later than " + AMZ_DATE.format(now.plus(MAX_SKEW))
          + " (" + AMZ_DATE.format(now) + " + 5 min.); sign with the current time (check the "
          + "client's clock)");
    }
    return null;
  }

  private Verification checkSignature(
      SignedRequest request, AuthorizationHeader auth, String secret, String amzDate) {
    String payloadHash = request.bodySha256();
    String declared = request.headers().first("x-amz-content-sha256");
    if (declared != null) {
      boolean unsignedAllowed = declared.equals(UNSIGNED_PAYLOAD)
          && auth.signedHeaderNames().contains("x-amz-content-sha256");
      if (!unsignedAllowed && !declared.equals(payloadHash)) {
        return problem(SignatureError.INVALID_SIGNATURE, "x-amz-content-sha256 does not match "
            + "the body received; send the hex SHA-256 of the body exactly as sent");
      }
      payloadHash = declared;
    }
    String canonical = CanonicalRequest.of(
        request, auth.signedHeaders(), auth.signedHeaderNames(), payloadHash);
    String stringToSign = AuthorizationHeader.ALGORITHM + '\n' + amzDate + '\n' + auth.scope()
        + '\n' + Hex.of(SHA256.get().digest(canonical.getBytes(StandardCharsets.UTF_8)));
    byte[] key = signingKeys.signingKey(
        auth.accessKeyId(), secret, auth.date(), auth.region(), auth.service());
    byte[] expected = Hex.of(SigningKeys.hmac(key, stringToSign)).getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expected, auth.signature().getBytes(StandardCharsets.UTF_8))) {
      // Neither form holds a secret; together they show which part the two sides disagree on.
      LOG.debug("SigV4 mismatch for key id {}: canonical request\n{}\nstring to sign\n{}",
          auth.accessKeyId(), canonical, stringToSign);
      return problem(SignatureError.INVALID_SIGNATURE, "The request signature we calculated does "
          + "not match the signature you provided. Check your AWS Secret Access Key and signing "
          + "method; a proxy that rewrites the path, query or a signed header also causes this");
    }
    return new Verified(auth.accessKeyId());
  }

  private static SignatureProblem problem(SignatureError error, String message) {
    return new SignatureProblem(error, message);
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256, which every Java 17 JVM has", e);
    }
  }

  @Override
  public String toString() {
    return "SigV4Verifier" + services + " with " + keys;
  }
}
