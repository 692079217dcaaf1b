package io.tributary.cli.delivery;

import picocli.CommandLine.Command;

/** {@code trib delivery}: the group of delivery stream commands. Stateless. */
@Command(
    name = "delivery",
    mixinStandardHelpOptions = true,
    description = "Deliver streams to storage without code (file, S3, HTTP, PostgreSQL).",
    subcommands = {
      DeliveryCreateCommand.class,
      DeliveryPutCommand.class,
      DeliveryListCommand.class,
      DeliveryDescribeCommand.class,
      DeliveryDeleteCommand.class
    })
public final class DeliveryCommand {}
