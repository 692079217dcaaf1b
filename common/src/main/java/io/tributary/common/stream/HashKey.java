package io.tributary.common.stream;

import io.tributary.common.error.Errors;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * An unsigned 128-bit hash key as two longs, so that routing compares without allocating.
 * Immutable.
 */
public record HashKey(long high, long low) implements Comparable<HashKey> {
  public static final HashKey MIN = new HashKey(0, 0);
  public static final HashKey MAX = new HashKey(-1L, -1L);
  public static final BigInteger MAX_VALUE = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

  private static final Pattern DECIMAL = Pattern.compile("0|[1-9]\\d{0,38}");
  private static final ThreadLocal<MessageDigest> MD5 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("the JDK has no MD5", e);
            }
          });

  /** The MD5 of the UTF-8 partition key, read as an unsigned big-endian 128-bit integer. */
  public static HashKey ofPartitionKey(String partitionKey) {
    byte[] digest = MD5.get().digest(partitionKey.getBytes(StandardCharsets.UTF_8));
    return new HashKey(readLong(digest, 0), readLong(digest, 8));
  }

  /** Parses an explicit hash key: a decimal integer from 0 to 2^128-1. */
  public static HashKey parse(String decimal) {
    if (decimal == null || !DECIMAL.matcher(decimal).matches()) {
      throw Errors.invalid(
          "explicit hash key '" + decimal + "' is not a decimal integer from 0 to 2^128-1");
    }
    BigInteger value = new BigInteger(decimal);
    if (value.compareTo(MAX_VALUE) > 0) {
      throw Errors.invalid(
          "explicit hash key " + decimal + " is out of range: it must be at most " + MAX_VALUE);
    }
    return of(value);
  }

  public static HashKey of(BigInteger value) {
    if (value.signum() < 0 || value.compareTo(MAX_VALUE) > 0) {
      throw new IllegalArgumentException("hash key out of range: " + value);
    }
    return new HashKey(value.shiftRight(64).longValue(), value.longValue());
  }

  public BigInteger toBigInteger() {
    BigInteger hi = new BigInteger(Long.toUnsignedString(high));
    return hi.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(low)));
  }

  @Override
  public int compareTo(HashKey other) {
    int c = Long.compareUnsigned(high, other.high);
    return c != 0 ? c : Long.compareUnsigned(low, other.low);
  }

  @Override
  public String toString() {
    return toBigInteger().toString();
  }

  private static long readLong(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[off + i] & 0xffL);
    }
    return v;
  }
}
