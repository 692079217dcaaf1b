package io.tributary.common.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports for tests that must name a port before the process that listens on it starts.
 *
 * <p>A port from {@code new ServerSocket(0)} lies in the kernel's ephemeral range, so between the
 * test closing it and the child binding it, any outgoing connection on the machine may take it as its
 * source port. These ports come from below that range, where only an explicit bind can take them,
 * and each JVM starts at a random place so that test JVMs running side by side rarely meet.
 */
public final class FreePorts {
  private static final int LOWEST = 10_000;
  private static final int FALLBACK_EPHEMERAL_START = 32_768;
  private static final int EPHEMERAL_START = ephemeralStart();
  private static final AtomicInteger NEXT =
      new AtomicInteger(ThreadLocalRandom.current().nextInt(EPHEMERAL_START - LOWEST));

  private FreePorts() {}

  /** A port nothing listens on now, outside the ephemeral range; never the same twice in one JVM. */
  public static int next() {
    int span = EPHEMERAL_START - LOWEST;
    for (int tries = 0; tries < span; tries++) {
      int port = LOWEST + Math.floorMod(NEXT.getAndIncrement(), span);
      if (bindable(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port between " + LOWEST + " and " + EPHEMERAL_START);
  }

  /** {@code count} distinct ports, as {@link #next()}. */
  public static int[] next(int count) {
    int[] ports = new int[count];
    for (int i = 0; i < count; i++) {
      ports[i] = next();
    }
    return ports;
  }

  /** Binding the wildcard address fails if anything listens on the port on any address. */
  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The lower bound of Linux's ephemeral range; the IANA default elsewhere. */
  private static int ephemeralStart() {
    try {
      String[] range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
      int start = Integer.parseInt(range[0]);
      return start > LOWEST + 1_000 ? start : FALLBACK_EPHEMERAL_START;
    } catch (IOException | RuntimeException e) {
      return FALLBACK_EPHEMERAL_START;
    }
  }
}
