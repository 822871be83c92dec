package org.dpspark.ingest.label;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.dpspark.core.Frame;
import org.junit.jupiter.api.Test;

/**
 * A command labeler renders its template once: placeholders when it is built, the first structure's input (without
 * running the program) before the loop labels anything.
 */
class CommandLabelerCheckTest {
    private static Frame water(boolean periodic) {
        Frame.Builder b = Frame.builder().dataset("w").sourceFile("w.xyz").sourceIndex(0).atomicNumbers(new int[] {8, 1, 1})
                .positions(new double[] {0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0});
        if (periodic) {
            b.cell(new double[] {10, 0, 0, 0, 10, 0, 0, 0, 10}).pbc(new boolean[] {true, true, true});
        } else {
            b.pbc(new boolean[] {false, false, false});
        }
        return b.build();
    }

    private static CommandLabeler labeler(String code, String template) {
        return new CommandLabeler(code, template, List.of(), List.of("true"), "out", "qe/pw", 10, false);
    }

    @Test
    void anUnknownPlaceholderFailsWhenTheLabelerIsBuilt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> labeler("qe", "{{positions}}\n{{celll}}\n"));
        assertEquals("unknown placeholder {{celll}} in the QM input template (known: natoms, ntypes, cell, positions,"
                + " elements)", e.getMessage());
    }

    @Test
    void theFirstStructuresInputIsWrittenOnceWithoutRunningAnything() {
        assertDoesNotThrow(() -> labeler("qe", "{{cell}}\n{{positions}}\n").checkInput(water(true)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> labeler("gaussian", "{{positions}}\n").checkInput(water(true)));
        assertEquals("gaussian inputs are for molecules; the frame is periodic", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> labeler("qe", "{{positions}}\n").checkInput(water(false)));
        assertEquals("qe needs a cell; the frame has none", e.getMessage());
    }
}
