package io.dihit.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads the PyTorch {@code torch.save} zip format (PyTorch 1.6+): {@code <archive>/data.pkl} is a pickle
 * whose tensors reference raw little-endian storages {@code <archive>/data/<key>} by persistent id.
 * The pickle goes through {@link RestrictedUnpickler}, so only tensor state dicts and plain data load.
 */
final class TorchZipReader {
    /** Refuse pickles larger than this before reading them (state-dict pickles are kilobytes to a few megabytes). */
    private static final long MAX_PICKLE_BYTES = 1L << 30;

    private TorchZipReader() {
    }

    /** The unpickled top-level object: maps, lists, tuples (immutable lists), strings, numbers and {@link Tensor}s. */
    public static Object read(Path path) throws IOException {
        try (ZipFile zip = new ZipFile(path.toFile())) {
            String prefix = archivePrefix(zip, path);
            checkByteOrder(zip, prefix, path);
            ZipEntry pickleEntry = zip.getEntry(prefix + "data.pkl");
            if (pickleEntry.getSize() > MAX_PICKLE_BYTES) {
                throw new CheckpointFormatException(path + ": data.pkl of " + pickleEntry.getSize() + " bytes is implausibly large");
            }
            return unpickle(zip, prefix, path, readEntry(zip, pickleEntry, path));
        } catch (ZipException e) {
            throw new CheckpointFormatException(path + ": corrupt or truncated zip archive (" + e.getMessage() + ")", e);
        }
    }

    /** Runs a data.pkl against the storages of an open archive whose entries live under {@code prefix}. */
    static Object unpickle(ZipFile zip, String prefix, Path path, byte[] pickle) throws CheckpointFormatException {
        return new RestrictedUnpickler(pickle, path + " data.pkl", new Storages(zip, prefix, path)).load();
    }

    /** The archive's top folder: torch names it after the file, so find the single {@code <name>/data.pkl}. */
    private static String archivePrefix(ZipFile zip, Path path) throws CheckpointFormatException {
        List<String> candidates = new ArrayList<>();
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            String name = e.nextElement().getName();
            if (name.equals("data.pkl") || (name.endsWith("/data.pkl") && name.indexOf('/') == name.length() - 9)) {
                candidates.add(name.substring(0, name.length() - "data.pkl".length()));
            }
        }
        if (candidates.size() != 1) {
            throw new CheckpointFormatException(path + ": not a torch.save archive (expected one <name>/data.pkl, found "
                    + candidates.size() + ")");
        }
        return candidates.get(0);
    }

    private static void checkByteOrder(ZipFile zip, String prefix, Path path) throws IOException {
        ZipEntry entry = zip.getEntry(prefix + "byteorder");
        if (entry != null) {
            String order = new String(readEntry(zip, entry, path), java.nio.charset.StandardCharsets.US_ASCII).trim();
            if (!order.equals("little")) {
                throw new CheckpointFormatException(path + ": storages are '" + order + "'-endian; only little-endian is supported");
            }
        }
    }

    static byte[] readEntry(ZipFile zip, ZipEntry entry, Path path) throws IOException {
        long size = entry.getSize();
        if (size > Integer.MAX_VALUE - 16) {
            throw new CheckpointFormatException(path + ": entry " + entry.getName() + " exceeds 2 GB");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] data = in.readAllBytes();
            if (size >= 0 && data.length != size) {
                throw new CheckpointFormatException(path + ": entry " + entry.getName() + " is truncated (" + data.length
                        + " of " + size + " bytes)");
            }
            return data;
        } catch (ZipException e) {
            throw new CheckpointFormatException(path + ": entry " + entry.getName() + " is corrupt (" + e.getMessage() + ")", e);
        }
    }

    /** Resolves persistent ids to storages and rebuilds (possibly strided) tensors from them. */
    private static final class Storages implements RestrictedUnpickler.TorchHooks {
        private final ZipFile zip;
        private final String prefix;
        private final Path path;
        private final Map<String, byte[]> cache = new HashMap<>();

        Storages(ZipFile zip, String prefix, Path path) {
            this.zip = zip;
            this.prefix = prefix;
            this.path = path;
        }

        /** pid = ('storage', storage class, key, location, numel). */
        @Override
        public Object persistentLoad(List<Object> pid) throws CheckpointFormatException {
            if (pid.size() != 5 || !"storage".equals(pid.get(0)) || !(pid.get(1) instanceof PickleGlobal type)
                    || type.storageType() == null || !(pid.get(2) instanceof String key) || !(pid.get(4) instanceof Long numel)) {
                throw new CheckpointFormatException(path + ": unsupported persistent id " + describe(pid));
            }
            return new StorageRef(key, type.storageType(), numel);
        }

        /** args = (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata]). */
        @Override
        public Object rebuildTensor(List<Object> args) throws CheckpointFormatException {
            if (args.size() < 4 || !(args.get(0) instanceof StorageRef storage) || !(args.get(1) instanceof Long offset)
                    || !(args.get(2) instanceof List<?> size) || !(args.get(3) instanceof List<?> stride)
                    || size.size() != stride.size()) {
                throw new CheckpointFormatException(path + ": malformed _rebuild_tensor_v2 arguments " + describe(args));
            }
            long[] shape = longs(size);
            long[] strides = longs(stride);
            byte[] data = storageBytes(storage);
            try {
                return new Tensor(storage.dtype(), shape, StridedCopy.contiguous(data, storage.dtype().byteSize(),
                        storage.numel(), offset, shape, strides));
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new CheckpointFormatException(path + ": storage '" + storage.key() + "': tensor view of size "
                        + size + ", stride " + stride + " is invalid (" + e.getMessage() + ")");
            }
        }

        private byte[] storageBytes(StorageRef ref) throws CheckpointFormatException {
            byte[] cached = cache.get(ref.key());
            if (cached != null) {
                return cached;
            }
            String name = prefix + "data/" + ref.key();
            ZipEntry entry = ref.key().contains("/") || ref.key().contains("..") ? null : zip.getEntry(name);
            if (entry == null) {
                throw new CheckpointFormatException(path + ": storage '" + ref.key() + "' is missing from the archive");
            }
            byte[] data;
            try {
                data = readEntry(zip, entry, path);
            } catch (CheckpointFormatException e) {
                throw e;
            } catch (IOException e) {
                throw new CheckpointFormatException(path + ": cannot read storage '" + ref.key() + "': " + e.getMessage(), e);
            }
            long expected = ref.numel() < 0 || ref.numel() > Long.MAX_VALUE / 8 ? -1 : ref.numel() * ref.dtype().byteSize();
            if (data.length != expected) {
                throw new CheckpointFormatException(path + ": storage '" + ref.key() + "' has " + data.length
                        + " bytes, its header says " + ref.numel() + " x " + ref.dtype() + " = " + expected);
            }
            cache.put(ref.key(), data);
            return data;
        }

        private long[] longs(List<?> values) throws CheckpointFormatException {
            long[] out = new long[values.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(values.get(i) instanceof Long v)) {
                    throw new CheckpointFormatException(path + ": tensor size/stride holds a non-integer " + values.get(i));
                }
                out[i] = v;
            }
            return out;
        }

        private static String describe(List<Object> values) {
            List<String> parts = new ArrayList<>();
            for (Object v : values) {
                parts.add(v instanceof String || v instanceof Long || v instanceof PickleGlobal ? v.toString()
                        : RestrictedUnpickler.describe(v));
            }
            return parts.toString();
        }
    }

    /** A storage named by a persistent id: archive key, element type, element count. */
    record StorageRef(String key, DType dtype, long numel) {
    }
}
