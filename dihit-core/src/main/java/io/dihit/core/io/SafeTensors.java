package io.dihit.core.io;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The safetensors format: an 8-byte little-endian header length, a JSON header
 * ({@code name -> {dtype, shape, data_offsets}} plus optional {@code __metadata__} strings), then the
 * tensor bytes. Reading validates every offset against the file, so a truncated or corrupt file fails
 * with a message naming the problem.
 */
public final class SafeTensors {
    /** Refuse absurd headers before allocating them. */
    private static final long MAX_HEADER_BYTES = 100L << 20;
    private static final String METADATA_KEY = "__metadata__";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafeTensors() {
    }

    /** Contents of a safetensors file: tensors in file order, and the header's metadata strings. */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
    }

    public static Map<String, Tensor> read(Path path) throws IOException {
        return readContents(path).tensors();
    }

    public static Contents readContents(Path path) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = forEach(path, tensors::put);
        return new Contents(tensors, metadata);
    }

    /** The header's metadata strings, without reading any tensor data. */
    public static Map<String, String> readMetadata(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return Header.read(ch, path).metadata();
        }
    }

    /** A tensor's name, type and shape as the header gives them. */
    public record TensorInfo(String name, DType dtype, long[] shape) {
    }

    /** Every tensor's name, type and shape in file order, without reading any tensor data. */
    public static List<TensorInfo> readInfo(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return Header.read(ch, path).entries().stream().map(e -> new TensorInfo(e.name(), e.dtype(), e.shape())).toList();
        }
    }

    /**
     * Reads the tensors one at a time in file order and hands each to {@code each}, so a file larger than
     * the heap can be consumed tensor by tensor; returns the header's metadata.
     */
    public static Map<String, String> forEach(Path path, BiConsumer<String, Tensor> each) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            Header header = Header.read(ch, path);
            for (Entry e : header.entries()) {
                if (e.end() - e.begin() > Integer.MAX_VALUE - 16) {
                    throw new CheckpointFormatException(path + ": tensor '" + e.name() + "' exceeds 2 GB");
                }
                byte[] bytes = new byte[(int) (e.end() - e.begin())];
                ByteBuffer target = ByteBuffer.wrap(bytes);
                readInto(ch, header.dataStart() + e.begin(), target, path);
                each.accept(e.name(), new Tensor(e.dtype(), e.shape(), bytes));
            }
            return header.metadata();
        }
    }

    /** The parsed and validated header: metadata, entries by data offset, where the data begins. */
    private record Header(Map<String, String> metadata, List<Entry> entries, long dataStart) {
        static Header read(FileChannel ch, Path path) throws IOException {
            long fileSize = ch.size();
            if (fileSize < 8) {
                throw new CheckpointFormatException(path + ": truncated safetensors file (" + fileSize + " bytes, no header length)");
            }
            long headerLen = readFully(ch, 0, 8, path).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLen < 2 || headerLen > MAX_HEADER_BYTES) {
                throw new CheckpointFormatException(path + ": implausible safetensors header length " + headerLen);
            }
            if (8 + headerLen > fileSize) {
                throw new CheckpointFormatException(path + ": truncated safetensors file (header of " + headerLen
                        + " bytes, file has " + fileSize + ")");
            }
            String headerText = StandardCharsets.UTF_8.decode(readFully(ch, 8, (int) headerLen, path)).toString();
            JsonNode header;
            try {
                header = JSON.readTree(headerText);
            } catch (JsonProcessingException e) {
                throw new CheckpointFormatException(path + ": safetensors header is not valid JSON: " + e.getOriginalMessage());
            }
            if (header == null || !header.isObject()) {
                throw new CheckpointFormatException(path + ": safetensors header is not a JSON object");
            }
            long dataStart = 8 + headerLen;
            long dataSize = fileSize - dataStart;
            Map<String, String> metadata = new LinkedHashMap<>();
            List<Entry> entries = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().equals(METADATA_KEY)) {
                    if (!field.getValue().isObject()) {
                        throw new CheckpointFormatException(path + ": safetensors " + METADATA_KEY + " is not an object");
                    }
                    field.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                } else {
                    try {
                        entries.add(Entry.parse(field.getKey(), field.getValue(), dataSize, path));
                    } catch (ArithmeticException overflow) {
                        throw new CheckpointFormatException(path + ": tensor '" + field.getKey() + "' has an impossible size "
                                + field.getValue());
                    }
                }
            }
            entries.sort(Comparator.comparingLong(Entry::begin));
            long expected = 0;
            for (Entry e : entries) {
                if (e.begin() != expected) {
                    throw new CheckpointFormatException(path + ": tensor '" + e.name() + "' starts at " + e.begin()
                            + ", expected " + expected + " (overlapping or gapped data)");
                }
                expected = e.end();
            }
            return new Header(metadata, entries, dataStart);
        }
    }

    private record Entry(String name, DType dtype, long[] shape, long begin, long end) {
        static Entry parse(String name, JsonNode node, long dataSize, Path path) throws CheckpointFormatException {
            JsonNode dtype = node.get("dtype");
            JsonNode shape = node.get("shape");
            JsonNode offsets = node.get("data_offsets");
            if (dtype == null || !dtype.isTextual() || shape == null || !shape.isArray()
                    || offsets == null || !offsets.isArray() || offsets.size() != 2) {
                throw new CheckpointFormatException(path + ": malformed safetensors entry for '" + name + "'");
            }
            DType type;
            try {
                type = DType.fromSafetensors(dtype.asText());
            } catch (IllegalArgumentException e) {
                throw new CheckpointFormatException(path + ": tensor '" + name + "': " + e.getMessage());
            }
            long[] dims = new long[shape.size()];
            long count = 1;
            for (int i = 0; i < dims.length; i++) {
                if (!shape.get(i).canConvertToLong() || shape.get(i).asLong() < 0) {
                    throw new CheckpointFormatException(path + ": tensor '" + name + "' has an invalid shape " + shape);
                }
                dims[i] = shape.get(i).asLong();
                count = Math.multiplyExact(count, dims[i]);
            }
            long begin = offsets.get(0).asLong(-1);
            long end = offsets.get(1).asLong(-1);
            if (begin < 0 || end < begin || end > dataSize) {
                throw new CheckpointFormatException(path + ": tensor '" + name + "' has data offsets [" + begin + ", "
                        + end + "] outside the " + dataSize + " data bytes (truncated file?)");
            }
            if (end - begin != count * type.byteSize()) {
                throw new CheckpointFormatException(path + ": tensor '" + name + "' of shape " + shape + " " + type
                        + " needs " + count * type.byteSize() + " bytes, header gives " + (end - begin));
            }
            return new Entry(name, type, dims, begin, end);
        }
    }

    public static void write(Path path, Map<String, Tensor> tensors) throws IOException {
        write(path, tensors, Map.of());
    }

    /**
     * Writes atomically (temporary file, forced to disk, then moved into place), in the map's order,
     * header padded to 8 bytes.
     */
    public static void write(Path path, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        List<Slot> slots = new ArrayList<>();
        tensors.forEach((name, t) -> slots.add(new Slot(name, t.dtype(), t.shape(), () -> t)));
        write(path, slots, metadata);
    }

    /**
     * As {@link #write(Path, Map, Map)} for DJL arrays (any device), copied to the host one at a time while
     * writing, so the file never sits in memory whole.
     */
    public static void writeArrays(Path path, Map<String, NDArray> arrays, Map<String, String> metadata) throws IOException {
        List<Slot> slots = new ArrayList<>();
        arrays.forEach((name, a) -> slots.add(new Slot(name, DType.fromDjl(a.getDataType()), a.getShape().getShape(),
                () -> Tensor.of(a))));
        write(path, slots, metadata);
    }

    /** A tensor to write: its header entry, and its bytes fetched only when their turn comes. */
    private record Slot(String name, DType dtype, long[] shape, Supplier<Tensor> data) {
        long byteSize() {
            long n = dtype.byteSize();
            for (long d : shape) {
                n = Math.multiplyExact(n, d);
            }
            return n;
        }
    }

    private static void write(Path path, List<Slot> slots, Map<String, String> metadata) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject(METADATA_KEY);
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Slot slot : slots) {
            if (slot.name().equals(METADATA_KEY)) {
                throw new IllegalArgumentException("'" + METADATA_KEY + "' is reserved and cannot name a tensor");
            }
            ObjectNode entry = header.putObject(slot.name());
            entry.put("dtype", slot.dtype().name());
            ArrayNode shape = entry.putArray("shape");
            for (long d : slot.shape()) {
                shape.add(d);
            }
            long end = offset + slot.byteSize();
            entry.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        byte[] headerBytes = new byte[padded];
        java.util.Arrays.fill(headerBytes, (byte) ' ');
        System.arraycopy(json, 0, headerBytes, 0, json.length);
        Path parent = path.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, path.getFileName().toString(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
                out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
                out.write(headerBytes);
                for (Slot slot : slots) {
                    byte[] bytes = slot.data().get().bytes();
                    if (bytes.length != slot.byteSize()) {
                        throw new IllegalStateException("tensor '" + slot.name() + "' changed size while being written");
                    }
                    out.write(bytes);
                }
                out.flush();
                ch.force(true);
            }
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static ByteBuffer readFully(FileChannel ch, long position, int length, Path path) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        readInto(ch, position, b, path);
        b.flip();
        return b;
    }

    private static void readInto(FileChannel ch, long position, ByteBuffer target, Path path) throws IOException {
        long pos = position;
        while (target.hasRemaining()) {
            int n = ch.read(target, pos);
            if (n < 0) {
                throw new CheckpointFormatException(path + ": unexpected end of file at byte " + pos);
            }
            pos += n;
        }
    }
}
