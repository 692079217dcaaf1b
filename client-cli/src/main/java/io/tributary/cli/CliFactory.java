package io.tributary.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Creates command objects, handing the {@link CliContext} to those whose constructor takes it.
 * Confined to the thread that builds and runs the command line.
 */
final class CliFactory implements IFactory {
  private final CliContext ctx;

  CliFactory(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    Constructor<K> withContext;
    try {
      withContext = cls.getDeclaredConstructor(CliContext.class);
    } catch (NoSuchMethodException plain) {
      return CommandLine.defaultFactory().create(cls);
    }
    withContext.setAccessible(true);
    return withContext.newInstance(ctx);
  }
}
