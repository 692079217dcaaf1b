package io.tributary.common.auth;

/**
 * Why a request's signature was refused, with the error name the Kinesis and Firehose APIs return
 * for it (the SDKs choose their exception class, and whether to correct their clock, by name).
 */
public enum SignatureError {
  /** No Authorization header. */
  MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException"),
  /** Unknown access key id, or temporary credentials the cluster cannot know. */
  UNRECOGNIZED_CLIENT("UnrecognizedClientException"),
  /** The signature, its scope or its date does not hold. */
  INVALID_SIGNATURE("InvalidSignatureException"),
  /** The Authorization header lacks a part or is not SigV4. */
  INCOMPLETE_SIGNATURE("IncompleteSignatureException");

  private final String awsName;

  SignatureError(String awsName) {
    this.awsName = awsName;
  }

  /** The error type as sent in {@code x-amzn-ErrorType} and {@code __type}. */
  public String awsName() {
    return awsName;
  }
}
