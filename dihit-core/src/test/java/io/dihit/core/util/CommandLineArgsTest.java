package io.dihit.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CommandLineArgsTest {

    @Test
    void returnsTheFollowingArgumentOrNamesTheOptionThatLacksIt() {
        String[] args = {"--out", "dir", "--seeds"};
        assertEquals("dir", CommandLineArgs.value(args, 1, "--out"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CommandLineArgs.value(args, 3, "--seeds"));
        assertEquals("--seeds needs a value", e.getMessage());
    }
}
