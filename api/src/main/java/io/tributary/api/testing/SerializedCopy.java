package io.tributary.api.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * Copies an operator through Java serialization, the way the job plan carries it to every subtask.
 * Stateless.
 */
final class SerializedCopy {
  private SerializedCopy() {}

  @SuppressWarnings("unchecked")
  static <T extends Serializable> T of(T operator) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(operator);
    } catch (NotSerializableException e) {
      throw new IllegalArgumentException("operator " + operator.getClass().getSimpleName() + " cannot travel in a job plan: "
          + e.getMessage() + " is not serializable; make the functions' fields serializable or transient (create them in "
          + "open), and do not capture non-serializable objects in lambdas", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("operator " + operator.getClass().getSimpleName() + " failed to serialize: " + e, e);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalArgumentException("operator " + operator.getClass().getSimpleName()
          + " serialized but could not be read back: " + e, e);
    }
  }
}
