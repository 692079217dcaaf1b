package io.tributary.cli.local;

/**
 * Which port each process of a local cluster listens on, from one base: the first coordinator on
 * the base (so the CLI's default address reaches it), brokers on base+1 onwards (broker id i on
 * base+1+i), ZooKeeper on base+81, the Kinesis-compatible endpoint on base+82, further coordinators
 * on base+91 onwards. Base 0 lets every
 * process pick a free port. Immutable.
 */
public record PortLayout(int base) {
  public static final int MAX_BROKERS = 80;
  public static final int MAX_COORDINATORS = 9;

  public PortLayout {
    if (base != 0 && (base < 1024 || base > 65535 - 100)) {
      throw new IllegalArgumentException(
          "port base " + base + " is out of range; use 0 (free ports) or 1024 to " + (65535 - 100));
    }
  }

  public int coordinator(int index) {
    return base == 0 ? 0 : index == 0 ? base : base + 90 + index;
  }

  public int broker(int id) {
    return base == 0 ? 0 : base + 1 + id;
  }

  public int zookeeper() {
    return base == 0 ? 0 : base + 81;
  }

  public int kinesis() {
    return base == 0 ? 0 : base + 82;
  }
}
