package org.dpspark.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
