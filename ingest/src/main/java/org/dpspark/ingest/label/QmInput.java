package org.dpspark.ingest.label;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dpspark.core.Elements;
import org.dpspark.core.Frame;

/**
 * Writes one structure as the input of a QM code from a user template. The template is the code's input text with
 * placeholders that this class fills (all lengths Å, Cartesian):
 * <ul>
 *   <li>{@code {{natoms}}}, {@code {{ntypes}}}: counts</li>
 *   <li>{@code {{cell}}}: the cell block of the code (QE: {@code CELL_PARAMETERS {angstrom}} + 3 rows; CP2K:
 *       {@code A/B/C} lines for {@code &CELL}; VASP: part of the generated POSCAR)</li>
 *   <li>{@code {{positions}}}: the atoms (QE: {@code ATOMIC_POSITIONS {angstrom}} + lines; CP2K {@code &COORD} and
 *       Gaussian: {@code El x y z} lines)</li>
 *   <li>{@code {{elements}}}: element symbols in order of first appearance, space separated</li>
 * </ul>
 * Codes: {@code vasp} (writes {@code POSCAR} itself, atoms grouped by element, and the template as {@code INCAR}),
 * {@code qe} ({@code pw.in}), {@code cp2k} ({@code cp2k.inp}), {@code gaussian} ({@code input.gjf}, molecules only).
 * Numbers are written with {@link Double#toString(double)} (exact round trip). Only positions, cell and elements
 * of the frame reach the files; nothing of the data reaches a command line.
 */
public final class QmInput {
    public static final List<String> CODES = List.of("vasp", "qe", "cp2k", "gaussian");

    private final String code;
    private final String template;

    /**
     * @param code one of {@link #CODES}
     * @param template the template text (VASP: the INCAR)
     */
    public QmInput(String code, String template) {
        if (!CODES.contains(code)) {
            throw new IllegalArgumentException("unknown QM code '" + code + "' (known: " + String.join(", ", CODES) + ")");
        }
        if (!code.equals("vasp") && !template.contains("{{positions}}")) {
            throw new IllegalArgumentException(code + " template has no {{positions}} placeholder");
        }
        checkPlaceholders(template, PLACEHOLDERS);
        this.code = code;
        this.template = template;
    }

    /**
     * What was written.
     *
     * @param input the main input file
     * @param order atom order in the files: file atom k is frame atom order[k] (VASP groups atoms by element)
     */
    public record Written(Path input, int[] order) {}

    /** Writes the input file(s) for {@code f} into {@code dir}. */
    public Written write(Frame f, Path dir) throws IOException {
        if (code.equals("gaussian") && f.cell() != null && (f.pbc()[0] || f.pbc()[1] || f.pbc()[2])) {
            throw new IllegalArgumentException("gaussian inputs are for molecules; the frame is periodic");
        }
        if (!code.equals("gaussian") && f.cell() == null) {
            throw new IllegalArgumentException(code + " needs a cell; the frame has none");
        }
        int n = f.natoms();
        int[] z = f.atomicNumbers();
        List<Integer> species = new ArrayList<>();
        for (int v : z) if (!species.contains(v)) species.add(v);
        int[] order = new int[n];
        if (code.equals("vasp")) {
            int k = 0;
            for (int s : species) for (int i = 0; i < n; i++) if (z[i] == s) order[k++] = i;
        } else {
            for (int i = 0; i < n; i++) order[i] = i;
        }
        double[] pos = f.positions();
        double[] cell = f.cell();
        StringBuilder atoms = new StringBuilder();
        if (code.equals("qe")) atoms.append("ATOMIC_POSITIONS {angstrom}\n");
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (!code.equals("vasp")) atoms.append(Elements.symbol(z[i])).append(' ');
            atoms.append(xyz(pos, i)).append('\n');
        }
        StringBuilder cellBlock = new StringBuilder();
        if (cell != null) {
            if (code.equals("qe")) cellBlock.append("CELL_PARAMETERS {angstrom}\n");
            for (int r = 0; r < 3; r++) {
                if (code.equals("cp2k")) cellBlock.append("ABC".charAt(r)).append(' ');
                cellBlock.append(xyz(cell, r)).append('\n');
            }
        }
        StringBuilder elements = new StringBuilder();
        StringBuilder counts = new StringBuilder();
        for (int s : species) {
            elements.append(elements.length() == 0 ? "" : " ").append(Elements.symbol(s));
            long c = java.util.Arrays.stream(z).filter(v -> v == s).count();
            counts.append(counts.length() == 0 ? "" : " ").append(c);
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("natoms", Integer.toString(n));
        values.put("ntypes", Integer.toString(species.size()));
        values.put("cell", cellBlock.toString().stripTrailing());
        values.put("positions", atoms.toString().stripTrailing());
        values.put("elements", elements.toString());
        String text = fill(template, values);
        Files.createDirectories(dir);
        Path input = switch (code) {
            case "vasp" -> {
                String poscar = "dpspark " + f.formula() + "\n1.0\n" + cellBlock + elements + "\n" + counts + "\nCartesian\n" + atoms;
                Files.writeString(dir.resolve("INCAR"), text, StandardCharsets.UTF_8);
                Path p = dir.resolve("POSCAR");
                Files.writeString(p, poscar, StandardCharsets.UTF_8);
                yield p;
            }
            case "qe" -> write(dir.resolve("pw.in"), text);
            case "cp2k" -> write(dir.resolve("cp2k.inp"), text);
            default -> write(dir.resolve("input.gjf"), text.endsWith("\n\n") ? text : text.stripTrailing() + "\n\n");
        };
        return new Written(input, order);
    }

    private static Path write(Path p, String text) throws IOException {
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static String xyz(double[] a, int i) {
        return String.format(Locale.ROOT, "%s %s %s", Double.toString(a[3 * i]), Double.toString(a[3 * i + 1]),
                Double.toString(a[3 * i + 2]));
    }

    /** The placeholders a command labeler's template may hold. */
    static final List<String> PLACEHOLDERS = List.of("natoms", "ntypes", "cell", "positions", "elements");

    /**
     * Renders a template once with every allowed placeholder, before any structure: an unknown placeholder or an
     * unclosed {@code {{} is an error at start-up instead of a failed labelling of every structure.
     */
    static void checkPlaceholders(String template, List<String> allowed) {
        Map<String, String> any = new LinkedHashMap<>();
        for (String k : allowed) any.put(k, "");
        fill(template, any);
    }

    /** Replaces every {@code {{key}}}; an unknown placeholder is an error naming it. */
    static String fill(String template, Map<String, String> values) {
        StringBuilder sb = new StringBuilder();
        int at = 0;
        while (true) {
            int open = template.indexOf("{{", at);
            if (open < 0) break;
            int close = template.indexOf("}}", open);
            if (close < 0) throw new IllegalArgumentException("unclosed {{ in the QM input template");
            String key = template.substring(open + 2, close).trim();
            String v = values.get(key);
            if (v == null) {
                throw new IllegalArgumentException("unknown placeholder {{" + key + "}} in the QM input template (known: "
                        + String.join(", ", values.keySet()) + ")");
            }
            sb.append(template, at, open).append(v);
            at = close + 2;
        }
        return sb.append(template.substring(at)).toString();
    }
}
