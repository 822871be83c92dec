package org.dpspark.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class UnitsTest {
    // Exact decimal constants of CODATA 2018 as docs/physics.md#units lists them: compare to the last printed digit.
    private static final double EXACT = 1e-15;

    @Test
    void constantsAreCodata2018() {
        assertEquals(27.211386245988, Units.HARTREE_EV, EXACT);
        assertEquals(0.529177210903, Units.BOHR_ANGSTROM, EXACT);
        assertEquals(13.605693122994, Units.RYDBERG_EV, 1e-12);
        assertEquals(0.0433641042418, Units.KCAL_PER_MOL_EV, EXACT);
        assertEquals(0.00624150907446, Units.GPA_EV_PER_A3, EXACT);
        assertEquals(8.617333262e-5, Units.BOLTZMANN_EV_PER_K, EXACT);
    }

    @Test
    void parsesUnitNamesCaseAndSpellingInsensitively() {
        assertEquals(Units.HARTREE_EV, Units.energyToEv("Hartree"));
        assertEquals(Units.HARTREE_EV, Units.energyToEv("Ha"));
        assertEquals(Units.KCAL_PER_MOL_EV, Units.energyToEv("kcal/mol"));
        assertEquals(1.0, Units.lengthToAngstrom("Angstrom"));
        assertEquals(1.0, Units.lengthToAngstrom("Å"));
        assertEquals(Units.BOHR_ANGSTROM, Units.lengthToAngstrom("bohr"));
        assertEquals(Units.HARTREE_EV / Units.BOHR_ANGSTROM, Units.forceToEvPerAngstrom("Ha/Bohr"), 1e-12);
        assertEquals(Units.KCAL_PER_MOL_EV, Units.forceToEvPerAngstrom("kcal/mol/A"), 1e-15);
        assertEquals(1.0, Units.forceToEvPerAngstrom("eV/Å"));
        assertEquals(Units.GPA_EV_PER_A3, Units.pressureToEvPerA3("GPa"));
        assertEquals(0.1 * Units.GPA_EV_PER_A3, Units.pressureToEvPerA3("kbar"), 1e-18);
    }

    @Test
    void unknownUnitsAreErrorsThatNameTheUnit() {
        UnsupportedUnitException e = assertThrows(UnsupportedUnitException.class, () -> Units.energyToEv("furlong"));
        assertEquals("unsupported energy unit 'furlong'", e.getMessage());
        assertThrows(UnsupportedUnitException.class, () -> Units.forceToEvPerAngstrom("eV"));
        assertThrows(UnsupportedUnitException.class, () -> Units.forceToEvPerAngstrom("eV/parsec"));
    }
}
