package io.tributary.common.auth;

/** The outcome of a signature check: {@link Verified} or {@link SignatureProblem}. */
public sealed interface Verification permits Verified, SignatureProblem {}
