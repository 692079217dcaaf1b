package io.tributary.api.functions;

import java.io.Serializable;

/**
 * Marker of user functions. Functions are serialized into the job plan and deserialized once per
 * subtask, so each parallel instance has its own copy; fields must be serializable.
 */
public interface Function extends Serializable {}
