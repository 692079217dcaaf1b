package io.tributary.common.auth;

/**
 * A refused signature: the error to answer with (HTTP 400) and a message that names the problem
 * and the fix. Messages never contain the signature the server expected or any secret.
 */
public record SignatureProblem(SignatureError error, String message) implements Verification {}
