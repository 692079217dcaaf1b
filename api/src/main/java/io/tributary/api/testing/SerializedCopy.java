package io.tributary.api.testing;

import io.tributary.api.checkpoint.OperatorSnapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Copies an operator through Java serialization, the way the job plan carries it to every subtask,
 * and snapshots, the way a checkpoint stores them. Stateless.
 */
final class SerializedCopy {
  private SerializedCopy() {}

  /**
   * A deep copy of a snapshot, through Java serialization.
   *
   * @throws IllegalStateException naming the value that cannot be serialized
   */
  @SuppressWarnings("unchecked")
  static OperatorSnapshot ofSnapshot(OperatorSnapshot snapshot, String operatorName) {
    Object[] parts = {snapshot.keyGroups(), snapshot.lists(), snapshot.unions()};
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(parts);
    } catch (IOException e) {
      throw new IllegalStateException("the state of operator '" + operatorName + "' cannot be checkpointed: " + e
          + "; keep state values and timer namespaces serializable (records, POJOs, collections of them), not "
          + "lambdas or handles to resources", e);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      Object[] copy = (Object[]) in.readObject();
      return new OperatorSnapshot((Map<Integer, Object>) copy[0], (Map<String, List<Object>>) copy[1],
          (Map<String, List<Object>>) copy[2]);
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalStateException("the state of operator '" + operatorName + "' was serialized but cannot be read "
          + "back: " + e, e);
    }
  }

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
