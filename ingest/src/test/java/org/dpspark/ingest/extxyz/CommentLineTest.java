package org.dpspark.ingest.extxyz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Comment-line key=value parsing, following ASE's key_val_str_to_dict. */
class CommentLineTest {

    @Test
    void quotedValuesKeepTheirSpaces() {
        CommentLine c = CommentLine.parse("Lattice=\"1 0 0 0 2 0 0 0 3\" spacegroup=\"P 1\" energy=-1.5");
        assertEquals("1 0 0 0 2 0 0 0 3", c.get("Lattice"));
        assertEquals("P 1", c.get("spacegroup"));
        assertEquals("-1.5", c.get("energy"));
        assertEquals(List.of("Lattice", "spacegroup", "energy"), c.keys());
    }

    @Test
    void escapedQuotesAndOtherDelimiters() {
        CommentLine c = CommentLine.parse("name=\"say \\\"hi\\\" now\" a='x y' b={1 2} c=[3, 4] d=\\=e");
        assertEquals("say \"hi\" now", c.get("name"));
        assertEquals("x y", c.get("a"));
        assertEquals("1 2", c.get("b"));
        assertArrayEquals(new double[] {3, 4}, CommentLine.numbers("c", c.get("c")));
        assertEquals("=e", c.get("d"));
    }

    @Test
    void bareKeysAreTrueFlags() {
        CommentLine c = CommentLine.parse("have_energy cutoff=3.4 converged");
        assertEquals("T", c.get("have_energy"));
        assertEquals("T", c.get("converged"));
        assertArrayEquals(new boolean[] {true}, CommentLine.flags(c.get("converged")));
        assertEquals("3.4", c.get("cutoff"));
        assertEquals(false, c.hasUnitKeys());
        assertEquals(true, CommentLine.parse("energy=1 Energy-Unit=Ha").hasUnitKeys());
        assertEquals(true, CommentLine.parse("units=real").hasUnitKeys());
    }

    @Test
    void spacesAroundEquals() {
        CommentLine c = CommentLine.parse("  energy = -2.0   pbc= \"T F T\"  ");
        assertEquals("-2.0", c.get("energy"));
        assertArrayEquals(new boolean[] {true, false, true}, CommentLine.flags(c.get("pbc")));
    }

    @Test
    void caseInsensitiveLookupPrefersExactCase() {
        CommentLine c = CommentLine.parse("Energy=1 energy=2 LATTICE=\"1 0 0 0 1 0 0 0 1\"");
        assertEquals("2", c.get("energy"));
        assertEquals("1", c.get("Energy"));
        assertEquals("1 0 0 0 1 0 0 0 1", c.get("Lattice"));
        assertEquals("LATTICE", c.keyFor("lattice"));
        assertNull(c.get("virial"));
    }

    @Test
    void plainCommentsBecomeFlagsAndNothingThrows() {
        CommentLine c = CommentLine.parse("water molecule, frame 3");
        assertEquals(4, c.size());
        CommentLine.parse("=\"unterminated \\");
        CommentLine.parse("");
    }

    @Test
    void numbersSplitOnSpacesAndCommasAndNameTheKey() {
        assertArrayEquals(new double[] {1, -2.5, 3e-3}, CommentLine.numbers("v", " 1,-2.5  3e-3 "));
        NumberFormatException e = assertThrows(NumberFormatException.class, () -> CommentLine.numbers("virial", "1 x 3"));
        assertEquals("virial: 'x' is not a number", e.getMessage());
        assertNull(CommentLine.flags("T maybe F"));
        assertArrayEquals(new boolean[] {false, true, false}, CommentLine.flags("False True 0"));
    }
}
