package io.tributary.client.app;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;

/** A checkpoint was refused because the instance no longer holds the shard's lease. */
public final class LeaseLostException extends TributaryException {
  private static final long serialVersionUID = 1L;

  public LeaseLostException(String message) {
    super(ErrorCode.RESOURCE_IN_USE, message);
  }
}
