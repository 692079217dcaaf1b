package io.tributary.worker.exchange;

/** What an input channel tells its gate. Called from network, timer or producer threads. */
interface ChannelListener {
  /** Channel {@code index} may have a batch to deliver. */
  void channelHasData(int index);

  /** Channel {@code index} cannot deliver anything more. */
  void channelFailed(int index, ExchangeException error);
}
