package io.tributary.coordinator;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.StreamMetadata;
import java.time.Clock;
import java.util.List;

/**
 * Registration of push consumers: changes by the leader on the event loop, reads by any
 * coordinator. Thread-safe.
 *
 * <p>The loop serializes registrations, so the per-stream limit is checked against a count no
 * concurrent request can change.
 */
final class ConsumerCommands {
  private final StreamCatalog streams;
  private final ConsumerCatalog consumers;
  private final LeadershipState leadership;
  private final EventLoop loop;
  private final Clock clock;

  ConsumerCommands(StreamCatalog streams, ConsumerCatalog consumers, LeadershipState leadership, EventLoop loop,
      Clock clock) {
    this.streams = streams;
    this.consumers = consumers;
    this.leadership = leadership;
    this.loop = loop;
    this.clock = clock;
  }

  ConsumerRecord register(String stream, String consumer) {
    leadership.requireLeader();
    return loop.call(() -> leadership.act(term -> {
      StreamSnapshot read = streams.get(stream);
      if (StreamMetadata.DELETING.equals(read.stream().status())) {
        throw new TributaryException(ErrorCode.RESOURCE_IN_USE, "stream '" + stream + "' is being deleted");
      }
      List<ConsumerRecord> registered = consumers.list(stream);
      if (registered.stream().anyMatch(c -> c.name().equals(consumer))) {
        throw ConsumerCatalog.alreadyRegistered(stream, consumer);
      }
      if (registered.size() >= ConsumerCatalog.MAX_PER_STREAM) {
        throw new TributaryException(ErrorCode.LIMIT_EXCEEDED, "stream '" + stream + "' already has "
            + ConsumerCatalog.MAX_PER_STREAM + " registered consumers, the most a stream may have; deregister one"
            + " first");
      }
      ConsumerRecord created = new ConsumerRecord(consumer, stream, clock.millis());
      consumers.register(read, created, term);
      return created;
    }));
  }

  void deregister(String stream, String consumer) {
    leadership.requireLeader();
    loop.call(() -> leadership.act(term -> {
      streams.get(stream);
      consumers.deregister(stream, consumer, term);
      return null;
    }));
  }

  List<ConsumerRecord> list(String stream) {
    streams.get(stream);
    return consumers.list(stream);
  }
}
