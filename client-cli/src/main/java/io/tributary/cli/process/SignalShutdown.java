package io.tributary.cli.process;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Opens a latch on SIGTERM or SIGINT instead of letting the JVM start its shutdown, so that the
 * command closes its servers on its own thread and exits with status 0. Thread-safe.
 * <p>The JVM's default handler would run shutdown hooks and exit with 143 (130 for SIGINT), which
 * scripts read as a failure. {@code sun.misc.Signal} lives in jdk.unsupported, which every JDK
 * exports; it is reached through reflection because the compiler flags direct use as proprietary
 * API. Where it is missing or a signal is taken by the VM, the default handling stays and the
 * command's shutdown hook still closes its servers.
 */
public final class SignalShutdown implements ShutdownSignal {
  private static final Logger LOG = LogManager.getLogger(SignalShutdown.class);

  @Override
  public CountDownLatch listen() {
    CountDownLatch latch = new CountDownLatch(1);
    for (String name : new String[] {"TERM", "INT"}) {
      install(name, latch);
    }
    return latch;
  }

  private static void install(String name, CountDownLatch latch) {
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      Object signal = signalClass.getConstructor(String.class).newInstance(name);
      Object handler = Proxy.newProxyInstance(
          SignalShutdown.class.getClassLoader(),
          new Class<?>[] {handlerClass},
          (proxy, method, args) -> handle(method.getName(), name, latch, proxy, args));
      signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
    } catch (ReflectiveOperationException | IllegalArgumentException e) {
      Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
      LOG.debug("keeping the JVM's default handling of SIG{}: {}", name, cause.toString());
    }
  }

  private static Object handle(String method, String name, CountDownLatch latch, Object proxy, Object[] args) {
    switch (method) {
      case "handle" -> {
        LOG.info("received SIG{}; shutting down", name);
        latch.countDown();
        return null;
      }
      case "hashCode" -> {
        return System.identityHashCode(proxy);
      }
      case "equals" -> {
        return proxy == args[0];
      }
      default -> {
        return "SignalShutdown(" + name + ")";
      }
    }
  }
}
