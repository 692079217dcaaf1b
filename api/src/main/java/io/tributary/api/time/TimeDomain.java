package io.tributary.api.time;

public enum TimeDomain {
  EVENT_TIME,
  PROCESSING_TIME
}
