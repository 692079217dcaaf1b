package io.tributary.cli.stream;

import picocli.CommandLine.Command;

/** {@code trib stream}: the group of stream commands. Stateless. */
@Command(
    name = "stream",
    mixinStandardHelpOptions = true,
    description = "Create, inspect, write and read streams.",
    subcommands = {
      StreamCreateCommand.class,
      StreamListCommand.class,
      StreamDescribeCommand.class,
      StreamDeleteCommand.class,
      StreamPutCommand.class,
      StreamGetCommand.class,
      StreamSplitCommand.class,
      StreamMergeCommand.class,
      StreamScaleCommand.class,
      StreamTailCommand.class
    })
public final class StreamCommand {}
