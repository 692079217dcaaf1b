package io.tributary.cli;

import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code trib --version}, from the jar manifest. Stateless. */
final class TribVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Trib.class.getPackage().getImplementationVersion();
    return new String[] {"trib " + (version == null ? "(development build)" : version)};
  }
}
