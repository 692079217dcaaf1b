package io.tributary.worker.checkpoint;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.tributary.api.checkpoint.OperatorSnapshot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Encodes a subtask's operator snapshots (uid to {@link OperatorSnapshot}) with Kryo and stores them
 * as one state file: the encoded bytes followed by their CRC32 as eight bytes. Stateless.
 *
 * <p>Written to a temporary name and renamed, so a checkpoint directory never holds half a file;
 * the checksum catches files damaged afterwards, before any operator sees their contents.
 */
public final class StateFiles {
  private static final int TRAILER = Long.BYTES;

  private StateFiles() {}

  /** Serializes the snapshots, on the subtask's thread: afterwards operators may change their state. */
  public static byte[] encode(Map<String, OperatorSnapshot> snapshots, ClassLoader loader) {
    Kryo kryo = kryo(loader);
    try (Output out = new Output(4096, -1)) {
      out.writeVarInt(snapshots.size(), true);
      for (Map.Entry<String, OperatorSnapshot> e : snapshots.entrySet()) {
        out.writeString(e.getKey());
        OperatorSnapshot s = e.getValue();
        out.writeVarInt(s.keyGroups().size(), true);
        for (Map.Entry<Integer, Object> group : s.keyGroups().entrySet()) {
          out.writeVarInt(group.getKey(), true);
          kryo.writeClassAndObject(out, group.getValue());
        }
        writeNamedLists(kryo, out, s.lists());
        writeNamedLists(kryo, out, s.unions());
      }
      CRC32 crc = new CRC32();
      byte[] body = out.toBytes();
      crc.update(body);
      return ByteBuffer.allocate(body.length + TRAILER).put(body).putLong(crc.getValue()).array();
    }
  }

  private static void writeNamedLists(Kryo kryo, Output out, Map<String, List<Object>> lists) {
    out.writeVarInt(lists.size(), true);
    for (Map.Entry<String, List<Object>> e : lists.entrySet()) {
      out.writeString(e.getKey());
      out.writeVarInt(e.getValue().size(), true);
      for (Object element : e.getValue()) {
        kryo.writeClassAndObject(out, element);
      }
    }
  }

  /** Writes {@code bytes} (from {@link #encode}) to {@code file} atomically, creating its directory. */
  public static void write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(temp, bytes);
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Reads and verifies a state file.
   *
   * @throws IllegalArgumentException naming the file when it is missing, damaged or unreadable
   */
  public static Map<String, OperatorSnapshot> read(Path file, ClassLoader loader) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("checkpoint state file " + file + " does not exist; "
          + "restore from another checkpoint or savepoint, or start the job without one", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read checkpoint state file " + file + ": " + e.getMessage(), e);
    }
    int length = bytes.length - TRAILER;
    CRC32 crc = new CRC32();
    if (length >= 0) {
      crc.update(bytes, 0, length);
    }
    if (length < 0 || crc.getValue() != ByteBuffer.wrap(bytes, length, TRAILER).getLong()) {
      throw new IllegalArgumentException("checkpoint state file " + file + " is corrupt (checksum mismatch); "
          + "restore from another checkpoint or savepoint");
    }
    try {
      return decode(new Input(bytes, 0, length), kryo(loader));
    } catch (KryoException | IllegalArgumentException e) {
      throw new IllegalArgumentException("checkpoint state file " + file + " cannot be decoded with the job's classes: "
          + e.getMessage() + "; restore with the jar that wrote it", e);
    }
  }

  private static Map<String, OperatorSnapshot> decode(Input in, Kryo kryo) {
    int count = in.readVarInt(true);
    Map<String, OperatorSnapshot> snapshots = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String uid = in.readString();
      int groups = in.readVarInt(true);
      Map<Integer, Object> keyGroups = new HashMap<>();
      for (int g = 0; g < groups; g++) {
        keyGroups.put(in.readVarInt(true), kryo.readClassAndObject(in));
      }
      Map<String, List<Object>> lists = readNamedLists(kryo, in);
      Map<String, List<Object>> unions = readNamedLists(kryo, in);
      snapshots.put(uid, new OperatorSnapshot(keyGroups, lists, unions));
    }
    return snapshots;
  }

  private static Map<String, List<Object>> readNamedLists(Kryo kryo, Input in) {
    int count = in.readVarInt(true);
    Map<String, List<Object>> lists = new HashMap<>();
    for (int i = 0; i < count; i++) {
      String name = in.readString();
      int size = in.readVarInt(true);
      List<Object> elements = new ArrayList<>(size);
      for (int j = 0; j < size; j++) {
        elements.add(kryo.readClassAndObject(in));
      }
      lists.put(name, elements);
    }
    return lists;
  }

  private static Kryo kryo(ClassLoader loader) {
    Kryo kryo = new Kryo();
    kryo.setRegistrationRequired(false);
    // state may share objects or hold cycles; the record exchange never does
    kryo.setReferences(true);
    kryo.setClassLoader(loader);
    kryo.setInstantiatorStrategy(new com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
    ImmutableCollectionSerializers.register(kryo);
    return kryo;
  }
}
