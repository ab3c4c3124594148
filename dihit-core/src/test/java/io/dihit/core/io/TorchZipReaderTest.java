package io.dihit.core.io;

import io.dihit.core.testing.TinyClipFixture;
import io.dihit.core.testing.TorchZipBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TorchZipReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsTheFixtureStateDictLikeItsSafetensorsTwin() throws Exception {
        Map<String, Tensor> pt = Checkpoints.readStateDict(TinyClipFixture.file("model.pt"));
        Map<String, Tensor> st = Checkpoints.readStateDict(TinyClipFixture.file("model.safetensors"));
        assertEquals(st.keySet(), pt.keySet());
        assertEquals(TinyClipFixture.reference().get("state_dict_keys").size(), pt.size());
        st.forEach((k, v) -> assertEquals(v, pt.get(k), k));
    }

    @Test
    void rebuildsStridedViewsOffsetsAndWidensHalfAndBfloat16() throws Exception {
        TorchZipBuilder b = new TorchZipBuilder().proto().orderedDictStart();
        // a transposed 2x3 view of a 3x2 storage, starting one element in: storage [9, 0,1, 2,3, 4,5]
        b.str("t").tensor("FloatStorage", "0", 7, 1, new long[] {2, 3}, new long[] {1, 2});
        b.str("h").tensor("HalfStorage", "1", 3, 0, new long[] {3}, new long[] {1});
        b.str("bf").tensor("BFloat16Storage", "2", 2, 0, new long[] {2}, new long[] {1});
        b.str("n").tensor("LongStorage", "3", 2, 1, new long[] {}, new long[] {});
        b.op('u').op('.');
        b.storage("0", TorchZipBuilder.floats(9, 0, 1, 2, 3, 4, 5));
        b.storage("1", TorchZipBuilder.shorts(0x3c00, 0xc000, 0x0001)); // 1, -2, smallest subnormal
        b.storage("2", TorchZipBuilder.shorts(0x3f80, 0xc0a0)); // 1, -5
        b.storage("3", TorchZipBuilder.longs(7, 42));
        Map<String, Tensor> sd = Checkpoints.readStateDict(b.write(dir.resolve("views.pt")));
        assertArrayEquals(new long[] {2, 3}, sd.get("t").shape());
        assertArrayEquals(new float[] {0, 2, 4, 1, 3, 5}, sd.get("t").toFloats());
        assertEquals(DType.F16, sd.get("h").dtype());
        assertArrayEquals(new float[] {1, -2, 0x1p-24f}, sd.get("h").toFloats());
        assertEquals(DType.BF16, sd.get("bf").dtype());
        assertArrayEquals(new float[] {1, -5}, sd.get("bf").toFloats());
        assertArrayEquals(new long[] {}, sd.get("n").shape());
        assertEquals(42f, sd.get("n").toFloats()[0]);
    }

    @Test
    void unwrapsTrainingCheckpointsAndDdpPrefixes() throws Exception {
        TorchZipBuilder b = new TorchZipBuilder().proto().op('}').op('(');
        b.str("epoch").integer(3).str("state_dict").orderedDictStart();
        b.str("module.logit_scale").tensor("FloatStorage", "0", 1, 0, new long[] {}, new long[] {});
        b.op('u').op('u').op('.');
        b.storage("0", TorchZipBuilder.floats(2.5f));
        Map<String, Tensor> sd = Checkpoints.readStateDict(b.write(dir.resolve("wrapped.ckpt")));
        assertEquals(java.util.Set.of("logit_scale"), sd.keySet());
        assertEquals(2.5f, sd.get("logit_scale").toFloats()[0]);
    }

    @Test
    void refusesArbitraryGlobalsWithoutRunningThem() throws Exception {
        Path marker = dir.resolve("pwned");
        TorchZipBuilder b = new TorchZipBuilder().proto().global("os", "system").str("touch " + marker).op(0x85).op('R').op('.');
        Path file = b.write(dir.resolve("evil.pt"));
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> Checkpoints.readStateDict(file));
        assertTrue(e.getMessage().contains("refusing global 'os.system'"), e.getMessage());
        assertTrue(Files.notExists(marker));

        TorchZipBuilder stackGlobal = new TorchZipBuilder().op(0x80).op(4).str("builtins").str("eval").op(0x93).op('.');
        e = assertThrows(CheckpointFormatException.class,
                () -> Checkpoints.readStateDict(stackGlobal.write(dir.resolve("evil2.pt"))));
        assertTrue(e.getMessage().contains("'builtins.eval'"), e.getMessage());
    }

    @Test
    void refusesUnsupportedOpcodesByName() throws Exception {
        // INST ('i') builds arbitrary class instances
        TorchZipBuilder b = new TorchZipBuilder().proto().op('(').op('i').raw("os\nsystem\n".getBytes()).op('.');
        var e = assertThrows(CheckpointFormatException.class, () -> Checkpoints.readStateDict(b.write(dir.resolve("inst.pt"))));
        assertTrue(e.getMessage().contains("unsupported pickle opcode 0x69 ('i')"), e.getMessage());
    }

    @Test
    void truncatedAndCorruptFilesNameTheCause() throws Exception {
        byte[] whole = Files.readAllBytes(TinyClipFixture.file("model.pt"));
        Path cut = Files.write(dir.resolve("cut.pt"), Arrays.copyOf(whole, whole.length / 2));
        var e = assertThrows(CheckpointFormatException.class, () -> Checkpoints.readStateDict(cut));
        assertTrue(e.getMessage().contains("corrupt or truncated zip"), e.getMessage());

        TorchZipBuilder b = new TorchZipBuilder().proto().orderedDictStart();
        b.str("w").tensor("FloatStorage", "0", 2, 0, new long[] {2}, new long[] {1}).op('u').op('.');
        byte[] full = b.pickleBytes();
        b.storage("0", TorchZipBuilder.floats(1, 2));
        Path shortPickle = b.write(dir.resolve("short.pt"), Arrays.copyOf(full, full.length - 3));
        e = assertThrows(CheckpointFormatException.class, () -> Checkpoints.readStateDict(shortPickle));
        assertTrue(e.getMessage().contains("truncated pickle"), e.getMessage());

        TorchZipBuilder wrongSize = new TorchZipBuilder().proto().orderedDictStart();
        wrongSize.str("w").tensor("FloatStorage", "0", 4, 0, new long[] {4}, new long[] {1}).op('u').op('.');
        wrongSize.storage("0", TorchZipBuilder.floats(1, 2));
        e = assertThrows(CheckpointFormatException.class, () -> Checkpoints.readStateDict(wrongSize.write(dir.resolve("ws.pt"))));
        assertTrue(e.getMessage().contains("storage '0' has 8 bytes"), e.getMessage());

        TorchZipBuilder missing = new TorchZipBuilder().proto().orderedDictStart();
        missing.str("w").tensor("FloatStorage", "7", 1, 0, new long[] {1}, new long[] {1}).op('u').op('.');
        e = assertThrows(CheckpointFormatException.class, () -> Checkpoints.readStateDict(missing.write(dir.resolve("m.pt"))));
        assertTrue(e.getMessage().contains("storage '7' is missing"), e.getMessage());

        TorchZipBuilder outside = new TorchZipBuilder().proto().orderedDictStart();
        outside.str("w").tensor("FloatStorage", "0", 2, 1, new long[] {2}, new long[] {1}).op('u').op('.');
        outside.storage("0", TorchZipBuilder.floats(1, 2));
        e = assertThrows(CheckpointFormatException.class, () -> Checkpoints.readStateDict(outside.write(dir.resolve("o.pt"))));
        assertTrue(e.getMessage().contains("outside the storage"), e.getMessage());

        TorchZipBuilder huge = new TorchZipBuilder().proto().orderedDictStart();
        huge.str("w").tensor("FloatStorage", "0", 2, 0, new long[] {1L << 20, 1L << 20}, new long[] {0, 0}).op('u').op('.');
        huge.storage("0", TorchZipBuilder.floats(1, 2));
        e = assertThrows(CheckpointFormatException.class, () -> Checkpoints.readStateDict(huge.write(dir.resolve("h.pt"))));
        assertTrue(e.getMessage().contains("tensor view of size [1048576, 1048576]"), e.getMessage());

        Path legacy = Files.write(dir.resolve("legacy.pt"), new byte[] {(byte) 0x80, 2, 'N', '.'});
        e = assertThrows(CheckpointFormatException.class, () -> Checkpoints.readStateDict(legacy));
        assertTrue(e.getMessage().contains("legacy"), e.getMessage());
    }
}
