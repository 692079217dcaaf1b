package io.tributary.gateway;

/** One HTTP answer before it meets Netty: status, AWS error type (null on success), body. Immutable. */
public record Reply(int status, String contentType, String errorType, byte[] body) {}
