package io.tributary.common.auth;

/** The request was signed with the secret of {@code accessKeyId}. */
public record Verified(String accessKeyId) implements Verification {}
