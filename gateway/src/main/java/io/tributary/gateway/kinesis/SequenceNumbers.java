package io.tributary.gateway.kinesis;

import io.tributary.gateway.wire.GatewayException;
import java.math.BigInteger;

/**
 * Converts native per-shard sequence numbers (0, 1, 2, ...) to Kinesis sequence numbers and back.
 * Thread-safe (stateless).
 *
 * <p>Kinesis numbers are 56-digit decimals that the KCL compares as big integers and checks as "v2"
 * numbers: bit length 186, version 2 at bit 184, shard index in bits 4..35. The native number plus
 * one sits in bits 36..99, so order within a shard is kept and native -1 ("nothing read yet") has a
 * form too; 16 bits of the stream's uid in bits 164..179 make numbers of a deleted and re-created
 * stream of the same name fail to decode instead of pointing at the wrong records.
 */
public final class SequenceNumbers {
  private static final int BIT_LENGTH = 186;
  private static final BigInteger VERSION = BigInteger.TWO.shiftLeft(184);
  private static final int UID_SHIFT = 164;
  private static final int NATIVE_SHIFT = 36;
  private static final int SHARD_SHIFT = 4;
  private static final BigInteger MASK_16 = BigInteger.valueOf(0xFFFF);
  private static final BigInteger MASK_32 = BigInteger.valueOf(0xFFFF_FFFFL);
  private static final BigInteger MASK_64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private SequenceNumbers() {}

  /** The Kinesis form of native number {@code sequence} (-1 or more) of shard {@code shardIndex}. */
  public static String encode(long sequence, int shardIndex, String streamUid) {
    if (sequence < -1 || shardIndex < 0) {
      throw new IllegalArgumentException("sequence " + sequence + " or shard index " + shardIndex + " is negative");
    }
    BigInteger k = VERSION
        .or(BigInteger.valueOf(uidHash(streamUid)).shiftLeft(UID_SHIFT))
        .or(BigInteger.valueOf(sequence).add(BigInteger.ONE).shiftLeft(NATIVE_SHIFT))
        .or(BigInteger.valueOf(shardIndex).shiftLeft(SHARD_SHIFT));
    return k.toString();
  }

  /**
   * The native number a Kinesis sequence number of shard {@code shardIndex} of the stream with
   * {@code streamUid} stands for. A decimal below 2^63 is taken as a native number as it is.
   *
   * @throws GatewayException InvalidArgumentException when it is no number of that shard and stream
   */
  public static long decode(String text, int shardIndex, String streamUid) {
    BigInteger k = parse(text);
    if (k.bitLength() < Long.SIZE) {
      return k.longValueExact();
    }
    if (k.bitLength() != BIT_LENGTH || !k.shiftRight(184).equals(BigInteger.TWO)) {
      throw invalid(text, "it is not a sequence number this service issued");
    }
    if (k.shiftRight(SHARD_SHIFT).and(MASK_32).intValue() != shardIndex) {
      throw invalid(text, "it belongs to another shard");
    }
    if (k.shiftRight(UID_SHIFT).and(MASK_16).intValue() != uidHash(streamUid)) {
      throw invalid(text, "it belongs to an earlier stream of the same name");
    }
    BigInteger sequence = k.shiftRight(NATIVE_SHIFT).and(MASK_64).subtract(BigInteger.ONE);
    if (sequence.bitLength() >= Long.SIZE) {
      throw invalid(text, "it is out of range");
    }
    return sequence.longValue();
  }

  private static BigInteger parse(String text) {
    if (text == null || text.isEmpty() || text.length() > 128 || !text.chars().allMatch(Character::isDigit)) {
      throw invalid(text, "it is not a decimal number");
    }
    return new BigInteger(text);
  }

  static int uidHash(String streamUid) {
    return streamUid.hashCode() & 0xFFFF;
  }

  private static GatewayException invalid(String text, String why) {
    return GatewayException.invalidArgument("StartingSequenceNumber '" + text + "' is invalid: " + why
        + "; use a SequenceNumber returned for this shard by PutRecord(s) or GetRecords");
  }
}
