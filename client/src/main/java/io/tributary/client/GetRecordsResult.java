package io.tributary.client;

import java.util.List;

/**
 * One get-records answer. Immutable.
 *
 * @param nextShardIterator null once a closed shard has been read to its end
 */
public record GetRecordsResult(List<ReceivedRecord> records, String nextShardIterator, long millisBehindLatest) {}
