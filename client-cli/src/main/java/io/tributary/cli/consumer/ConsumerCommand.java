package io.tributary.cli.consumer;

import picocli.CommandLine.Command;

/** {@code trib consumer}: the group of consumer commands. Stateless. */
@Command(
    name = "consumer",
    mixinStandardHelpOptions = true,
    description = "Register push consumers and inspect consumer applications.",
    subcommands = {
      ConsumerRegisterCommand.class,
      ConsumerDeregisterCommand.class,
      ConsumerListCommand.class,
      ConsumerDescribeCommand.class
    })
public final class ConsumerCommand {}
