package io.dihit.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes pickles opcode by opcode and packs them like torch.save (archive/data.pkl + archive/data/N), so
 * tests can build checkpoints PyTorch would write (strided views, half storages, wrappers) and hostile ones.
 */
public final class TorchZipBuilder {
    private final ByteArrayOutputStream pickle = new ByteArrayOutputStream();
    private final Map<String, byte[]> storages = new LinkedHashMap<>();

    public TorchZipBuilder op(int opcode) {
        pickle.write(opcode);
        return this;
    }

    public TorchZipBuilder raw(byte[] bytes) {
        pickle.writeBytes(bytes);
        return this;
    }

    public TorchZipBuilder proto() {
        return op(0x80).op(2);
    }

    public TorchZipBuilder global(String module, String name) {
        return op('c').raw((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    public TorchZipBuilder str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return op('X').raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array()).raw(b);
    }

    public TorchZipBuilder integer(long v) {
        return op('J').raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(Math.toIntExact(v)).array());
    }

    public TorchZipBuilder ints(long... values) {
        op('(');
        for (long v : values) {
            integer(v);
        }
        return op('t');
    }

    /** Starts an OrderedDict and a MARK for its items. */
    public TorchZipBuilder orderedDictStart() {
        return global("collections", "OrderedDict").op(')').op('R').op('(');
    }

    /** Pushes a _rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict()) call. */
    public TorchZipBuilder tensor(String storageClass, String key, long numel, long offset, long[] size, long[] stride) {
        global("torch._utils", "_rebuild_tensor_v2").op('(');
        op('(').str("storage").global("torch", storageClass).str(key).str("cpu").integer(numel).op('t').op('Q');
        integer(offset).ints(size).ints(stride).op(0x89).global("collections", "OrderedDict").op(')').op('R');
        return op('t').op('R');
    }

    public TorchZipBuilder storage(String key, byte[] data) {
        storages.put(key, data);
        return this;
    }

    public byte[] pickleBytes() {
        return pickle.toByteArray();
    }

    public Path write(Path file) throws IOException {
        return write(file, pickleBytes());
    }

    /** Packs the given pickle bytes (e.g. a truncated copy) with this builder's storages. */
    public Path write(Path file, byte[] pickleBytes) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, "archive/data.pkl", pickleBytes);
            for (Map.Entry<String, byte[]> e : storages.entrySet()) {
                put(zip, "archive/data/" + e.getKey(), e.getValue());
            }
            put(zip, "archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        }
        return file;
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }

    public static byte[] floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    public static byte[] shorts(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putShort((short) v);
        }
        return b.array();
    }

    public static byte[] longs(long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return b.array();
    }
}
