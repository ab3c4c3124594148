package io.dihit.core.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pickle virtual machine for tensor state dicts only. It understands the opcodes that
 * {@code torch.save} emits for dicts of tensors (protocol 2-4) and plain data (ints, floats, strings,
 * bools, None, tuples, lists, dicts); globals are limited to {@link PickleGlobal}. Any other opcode or
 * global, or a truncated stream, raises {@link CheckpointFormatException} naming it and its offset.
 * Nothing from the pickle is ever executed or loaded as a class.
 */
final class RestrictedUnpickler {
    /** Hooks for the torch-specific objects (storages by persistent id, tensor rebuilds). */
    interface TorchHooks {
        Object persistentLoad(List<Object> pid) throws CheckpointFormatException;

        Object rebuildTensor(List<Object> args) throws CheckpointFormatException;
    }

    /** Python None (the VM's stack and containers use this instead of Java null). */
    static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    private static final Object MARK = new Object();
    private static final int MAX_MEMO = 50_000_000;

    private final ByteBuffer in;
    private final String source;
    private final TorchHooks hooks;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();

    RestrictedUnpickler(byte[] pickle, String source, TorchHooks hooks) {
        this.in = ByteBuffer.wrap(pickle).order(ByteOrder.LITTLE_ENDIAN);
        this.source = source;
        this.hooks = hooks;
    }

    Object load() throws CheckpointFormatException {
        while (true) {
            int offset = in.position();
            if (!in.hasRemaining()) {
                throw error(offset, "truncated pickle: ended without STOP");
            }
            int op = in.get() & 0xff;
            switch (op) {
                case 0x80 -> { // PROTO
                    int proto = u8(offset);
                    if (proto < 2 || proto > 5) {
                        throw error(offset, "unsupported pickle protocol " + proto);
                    }
                }
                case 0x95 -> bytes(offset, 8); // FRAME: length hint only, data follows inline
                case '.' -> { // STOP
                    if (stack.size() != 1 || !marks.isEmpty()) {
                        throw error(offset, "malformed pickle: STOP with " + stack.size() + " objects on the stack");
                    }
                    return stack.get(0);
                }
                case '(' -> marks.add(stack.size()); // MARK
                case '}' -> push(new LinkedHashMap<Object, Object>()); // EMPTY_DICT
                case ']' -> push(new ArrayList<>()); // EMPTY_LIST
                case ')' -> push(List.of()); // EMPTY_TUPLE
                case 't' -> push(Collections.unmodifiableList(new ArrayList<>(popToMark(offset)))); // TUPLE
                case 0x85 -> push(List.of(pop(offset))); // TUPLE1
                case 0x86 -> { // TUPLE2
                    Object b = pop(offset);
                    push(List.of(pop(offset), b));
                }
                case 0x87 -> { // TUPLE3
                    Object c = pop(offset);
                    Object b = pop(offset);
                    push(List.of(pop(offset), b, c));
                }
                case 'N' -> push(NONE);
                case 0x88 -> push(Boolean.TRUE); // NEWTRUE
                case 0x89 -> push(Boolean.FALSE); // NEWFALSE
                case 'J' -> push((long) bytes(offset, 4).getInt()); // BININT
                case 'K' -> push((long) u8(offset)); // BININT1
                case 'M' -> push((long) (bytes(offset, 2).getShort() & 0xffff)); // BININT2
                case 0x8a -> push(long1(offset)); // LONG1
                case 'G' -> push(bytes(offset, 8).order(ByteOrder.BIG_ENDIAN).getDouble()); // BINFLOAT
                case 'X' -> push(utf8(offset, bytes(offset, 4).getInt() & 0xffffffffL)); // BINUNICODE
                case 0x8c -> push(utf8(offset, u8(offset))); // SHORT_BINUNICODE
                case 0x8d -> push(utf8(offset, bytes(offset, 8).getLong())); // BINUNICODE8
                case 'q' -> memoize(offset, u8(offset)); // BINPUT
                case 'r' -> memoize(offset, bytes(offset, 4).getInt() & 0xffffffffL); // LONG_BINPUT
                case 0x94 -> memoize(offset, memo.size()); // MEMOIZE
                case 'h' -> push(memoGet(offset, u8(offset))); // BINGET
                case 'j' -> push(memoGet(offset, bytes(offset, 4).getInt() & 0xffffffffL)); // LONG_BINGET
                case 'c' -> push(global(offset, line(offset), line(offset))); // GLOBAL
                case 0x93 -> { // STACK_GLOBAL
                    Object name = pop(offset);
                    Object module = pop(offset);
                    if (!(module instanceof String m) || !(name instanceof String n)) {
                        throw error(offset, "STACK_GLOBAL needs two strings");
                    }
                    push(global(offset, m, n));
                }
                case 'Q' -> { // BINPERSID
                    Object pid = pop(offset);
                    if (!(pid instanceof List<?> tuple)) {
                        throw error(offset, "persistent id is not a tuple: " + pid);
                    }
                    push(hooks.persistentLoad(cast(tuple)));
                }
                case 'R' -> { // REDUCE
                    Object args = pop(offset);
                    Object callable = pop(offset);
                    push(reduce(offset, callable, args));
                }
                case 'b' -> { // BUILD
                    Object state = pop(offset);
                    build(offset, peek(offset), state);
                }
                case 's' -> { // SETITEM
                    Object value = pop(offset);
                    Object key = pop(offset);
                    dict(offset, peek(offset)).put(hashable(offset, key), value);
                }
                case 'u' -> { // SETITEMS
                    List<Object> items = popToMark(offset);
                    if (items.size() % 2 != 0) {
                        throw error(offset, "SETITEMS with an odd number of items");
                    }
                    Map<Object, Object> d = dict(offset, peek(offset));
                    for (int i = 0; i < items.size(); i += 2) {
                        d.put(hashable(offset, items.get(i)), items.get(i + 1));
                    }
                }
                case 'a' -> { // APPEND
                    Object value = pop(offset);
                    list(offset, peek(offset)).add(value);
                }
                case 'e' -> { // APPENDS
                    List<Object> items = popToMark(offset);
                    list(offset, peek(offset)).addAll(items);
                }
                default -> throw error(offset, "unsupported pickle opcode 0x" + Integer.toHexString(op)
                        + (op >= 0x20 && op < 0x7f ? " ('" + (char) op + "')" : "")
                        + "; only tensor state dicts are accepted");
            }
        }
    }

    private Object global(int offset, String module, String name) throws CheckpointFormatException {
        return PickleGlobal.find(module, name).orElseThrow(() -> error(offset, "refusing global '" + module + "." + name
                + "': only collections.OrderedDict, torch._utils._rebuild_tensor_v2/_rebuild_parameter and torch"
                + " storage types may appear in a checkpoint"));
    }

    private Object reduce(int offset, Object callable, Object args) throws CheckpointFormatException {
        if (!(args instanceof List<?> argList)) {
            throw error(offset, "REDUCE arguments are not a tuple");
        }
        if (!(callable instanceof PickleGlobal g)) {
            throw error(offset, "REDUCE on a non-callable " + describe(callable));
        }
        switch (g) {
            case ORDERED_DICT -> {
                Map<Object, Object> d = new LinkedHashMap<>();
                if (argList.size() == 1 && argList.get(0) instanceof List<?> pairs) {
                    for (Object pair : pairs) {
                        if (!(pair instanceof List<?> kv) || kv.size() != 2) {
                            throw error(offset, "OrderedDict() argument is not a list of pairs");
                        }
                        d.put(hashable(offset, kv.get(0)), kv.get(1));
                    }
                } else if (!argList.isEmpty()) {
                    throw error(offset, "OrderedDict() with unsupported arguments");
                }
                return d;
            }
            case REBUILD_TENSOR_V2 -> {
                return hooks.rebuildTensor(cast(argList));
            }
            case REBUILD_PARAMETER -> {
                if (argList.isEmpty() || !(argList.get(0) instanceof Tensor t)) {
                    throw error(offset, "_rebuild_parameter without a tensor");
                }
                return t;
            }
            default -> throw error(offset, "'" + g + "' cannot be called here");
        }
    }

    /** BUILD sets instance state; the only instance state in a state dict is OrderedDict's {@code _metadata}, ignored. */
    private void build(int offset, Object target, Object state) throws CheckpointFormatException {
        if (target instanceof Map<?, ?> && (state instanceof Map<?, ?> || state == NONE)) {
            return;
        }
        throw error(offset, "BUILD on " + describe(target) + " is not supported");
    }

    private void memoize(int offset, long index) throws CheckpointFormatException {
        if (memo.size() >= MAX_MEMO) {
            throw error(offset, "pickle memo exceeds " + MAX_MEMO + " entries");
        }
        memo.put(index, peek(offset));
    }

    private Object memoGet(int offset, long index) throws CheckpointFormatException {
        Object v = memo.get(index);
        if (v == null) {
            throw error(offset, "memo entry " + index + " read before it was written");
        }
        return v;
    }

    private long long1(int offset) throws CheckpointFormatException {
        int n = u8(offset);
        if (n > 8) {
            throw error(offset, "integer of " + n + " bytes is too large");
        }
        byte[] b = new byte[n];
        bytes(offset, n).get(b);
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (b[i] & 0xff);
        }
        if (n > 0 && n < 8 && (b[n - 1] & 0x80) != 0) {
            v -= 1L << (8 * n); // two's complement sign
        }
        return v;
    }

    private String utf8(int offset, long length) throws CheckpointFormatException {
        if (length < 0 || length > in.remaining()) {
            throw error(offset, "truncated pickle: string of " + length + " bytes, " + in.remaining() + " left");
        }
        ByteBuffer slice = bytes(offset, (int) length);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(slice).toString();
        } catch (CharacterCodingException e) {
            throw error(offset, "string is not valid UTF-8");
        }
    }

    /** A GLOBAL argument: ASCII up to a newline. */
    private String line(int offset) throws CheckpointFormatException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (!in.hasRemaining()) {
                throw error(offset, "truncated pickle inside GLOBAL");
            }
            byte b = in.get();
            if (b == '\n') {
                return sb.toString();
            }
            if (b < 0x20 || b > 0x7e || sb.length() > 256) {
                throw error(offset, "malformed GLOBAL name");
            }
            sb.append((char) b);
        }
    }

    private int u8(int offset) throws CheckpointFormatException {
        return bytes(offset, 1).get() & 0xff;
    }

    private ByteBuffer bytes(int offset, int n) throws CheckpointFormatException {
        if (in.remaining() < n) {
            throw error(offset, "truncated pickle: needs " + n + " more bytes, " + in.remaining() + " left");
        }
        ByteBuffer slice = in.slice(in.position(), n).order(ByteOrder.LITTLE_ENDIAN);
        in.position(in.position() + n);
        return slice;
    }

    private void push(Object o) {
        stack.add(o);
    }

    private Object pop(int offset) throws CheckpointFormatException {
        int floor = marks.isEmpty() ? 0 : marks.get(marks.size() - 1);
        if (stack.size() <= floor) {
            throw error(offset, "malformed pickle: stack underflow");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek(int offset) throws CheckpointFormatException {
        if (stack.isEmpty()) {
            throw error(offset, "malformed pickle: empty stack");
        }
        return stack.get(stack.size() - 1);
    }

    private List<Object> popToMark(int offset) throws CheckpointFormatException {
        if (marks.isEmpty()) {
            throw error(offset, "malformed pickle: no MARK");
        }
        int mark = marks.remove(marks.size() - 1);
        List<Object> items = new ArrayList<>(stack.subList(mark, stack.size()));
        stack.subList(mark, stack.size()).clear();
        return items;
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> dict(int offset, Object o) throws CheckpointFormatException {
        if (o instanceof LinkedHashMap<?, ?> m) {
            return (Map<Object, Object>) m;
        }
        throw error(offset, "SETITEM on " + describe(o));
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(int offset, Object o) throws CheckpointFormatException {
        if (o instanceof ArrayList<?> l) {
            return (List<Object>) l;
        }
        throw error(offset, "APPEND on " + describe(o));
    }

    private Object hashable(int offset, Object key) throws CheckpointFormatException {
        if (key instanceof String || key instanceof Long || key instanceof Double || key instanceof Boolean
                || key == NONE || (key instanceof List<?> l && !(l instanceof ArrayList<?>))) {
            return key;
        }
        throw error(offset, "unsupported dict key " + describe(key));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> cast(List<?> l) {
        return (List<Object>) l;
    }

    static String describe(Object o) {
        if (o == NONE) {
            return "None";
        }
        return o == null ? "null" : o.getClass().getSimpleName();
    }

    private CheckpointFormatException error(int offset, String message) {
        return new CheckpointFormatException(source + ": " + message + " (pickle offset " + offset + ")");
    }
}
