package org.dpspark.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ElementsTest {
    @Test
    void symbolsAndNumbersRoundTrip() {
        assertEquals(118, Elements.count());
        for (int z = 1; z <= Elements.count(); z++) {
            assertEquals(z, Elements.atomicNumber(Elements.symbol(z)));
        }
        assertEquals(8, Elements.atomicNumber("o"));
        assertEquals(15.999, Elements.mass(8), 0.0);
        assertEquals(1.008, Elements.mass(1), 0.0);
    }

    @Test
    void typeLabelsMapToTheirElement() {
        assertEquals(26, Elements.atomicNumberOfLabel("Fe1"));
        assertEquals(26, Elements.atomicNumberOfLabel("Fe2"));
        assertEquals(8, Elements.atomicNumberOfLabel("O"));
        assertEquals(1, Elements.atomicNumberOfLabel("HW"));
        assertEquals(8, Elements.atomicNumberOfLabel("OW"));
        assertEquals(22, Elements.atomicNumberOfLabel("Ti_sv"));
    }

    @Test
    void unknownNamesAreErrors() {
        assertThrows(UnknownElementException.class, () -> Elements.atomicNumber("Xx"));
        assertThrows(UnknownElementException.class, () -> Elements.symbol(0));
        assertThrows(UnknownElementException.class, () -> Elements.atomicNumberOfLabel("123"));
        assertThrows(UnknownElementException.class, () -> Elements.atomicNumberOfLabel("xyz"));
    }

    @Test
    void safeSuffixesOfDeepmdAseAndVaspLabelsAreAccepted() {
        assertEquals(1, Elements.atomicNumberOfLabel("H_a"));
        assertEquals(8, Elements.atomicNumberOfLabel("O1"));
        assertEquals(1, Elements.atomicNumberOfLabel("H.75"));
        assertEquals(14, Elements.atomicNumberOfLabel("si"));
    }

    @Test
    void labelsThatCouldNameAPathAreRejectedWithTheirReason() {
        for (String hostile : new String[] {"Si/../../../../ESC", "Si/x", "Si\\x", "Si..", "O W", " O", "O\n",
                "Fe\u001b[31m", "H\u0000", "Si:x", "Oé", "H.", ""}) {
            UnknownElementException e = assertThrows(UnknownElementException.class,
                    () -> Elements.atomicNumberOfLabel(hostile), hostile);
            assertFalse(Elements.isSafeLabel(hostile), hostile);
            assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\u001b"),
                    "one printable line: " + e.getMessage());
        }
        UnknownElementException e = assertThrows(UnknownElementException.class,
                () -> Elements.atomicNumberOfLabel("Si/../../../../ESC"));
        assertEquals("unsafe type label 'Si/../../../../ESC': only letters, digits, '_' and single '.' may follow"
                + " the element symbol", e.getMessage());
        assertTrue(Elements.labelProblem("Fe1234567890123456").contains("longer than 16"));
    }
}
