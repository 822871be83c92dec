package org.dpspark.ingest.label;

import com.typesafe.config.Config;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dpspark.core.Elements;

/**
 * The {@code loop.labeler.cp2k} section (defaults in dpspark-defaults.conf), validated: what the generated CP2K
 * input ({@link Cp2kInput}) and the run ({@link Cp2kLabeler}) need.
 *
 * @param program CP2K executable (name on PATH or path), e.g. {@code cp2k.psmp}
 * @param launcher arguments before the program, e.g. {@code [mpirun, -np, 2]}; empty: run it directly
 * @param threads OpenMP threads per calculation ({@code OMP_NUM_THREADS}); the Spark task declares as many CPUs
 * @param timeoutSeconds wall-time limit of one calculation (s)
 * @param functional {@code &XC_FUNCTIONAL} name (PBE, BLYP, PADE, ...)
 * @param basisSet default basis set of every element (a name in {@code basisFile})
 * @param potential default pseudopotential of every element (a name in {@code potentialFile})
 * @param basisPerElement per-element basis set overrides (symbol → name)
 * @param potentialPerElement per-element pseudopotential overrides (symbol → name)
 * @param dataDir folder of CP2K's data files (basis and potential libraries)
 * @param basisFile basis set library file name in {@code dataDir}
 * @param potentialFile pseudopotential library file name in {@code dataDir}
 * @param cutoff plane-wave cutoff of the finest grid (Ry)
 * @param relCutoff cutoff of the reference grid that maps Gaussians onto grids (Ry)
 * @param epsScf SCF convergence on the density (CP2K {@code EPS_SCF})
 * @param maxScf SCF steps of one inner loop (OT); the outer loop restarts it up to {@code maxOuterScf} times
 * @param maxOuterScf outer SCF loops (OT only)
 * @param smearing electronic temperature of a Fermi–Dirac smearing (K); &gt; 0: the SCF diagonalises (Broyden
 *     mixing, {@code addedMos} empty orbitals) instead of OT, as metals and small cells sampled at Γ need; 0: OT
 * @param addedMos empty orbitals added per spin when smearing ({@code ADDED_MOS})
 * @param kpoints Monkhorst–Pack grid of periodic cells ({@code &KPOINTS}), shape 3, or empty for Γ only; a grid
 *     diagonalises (CP2K's k-points rule OT out). Small cells need one (docs/loop.md)
 * @param charge total charge (e)
 * @param multiplicity spin multiplicity 2S+1 (1: closed shell; otherwise an unrestricted (LSD) calculation)
 * @param stress request the analytical stress tensor for periodic cells (virial)
 * @param vacuum for molecules: Å of empty space on each side of the molecule's bounding box (non-periodic box)
 * @param template the text of a full CP2K input with placeholders ({@link Cp2kInput}; the config names its file);
 *     empty: the input is generated
 */
public record Cp2kSettings(String program, List<String> launcher, int threads, long timeoutSeconds, String functional,
        String basisSet, String potential, Map<String, String> basisPerElement, Map<String, String> potentialPerElement,
        String dataDir, String basisFile, String potentialFile, double cutoff, double relCutoff, double epsScf,
        int maxScf, int maxOuterScf, double smearing, int addedMos, List<Integer> kpoints, int charge, int multiplicity, boolean stress, double vacuum, String template)
        implements Serializable {

    public Cp2kSettings {
        launcher = List.copyOf(launcher);
        kpoints = List.copyOf(kpoints);
        if (!(kpoints.isEmpty() || kpoints.size() == 3 && kpoints.stream().allMatch(k -> k >= 1))) {
            throw new IllegalArgumentException("loop.labeler.cp2k.kpoints must be empty (Gamma only) or three integers >= 1, got " + kpoints);
        }
        basisPerElement = new TreeMap<>(basisPerElement);
        potentialPerElement = new TreeMap<>(potentialPerElement);
        QmSettingsChecks.common("loop.labeler.cp2k", threads, timeoutSeconds);
        for (String el : basisPerElement.keySet()) QmSettingsChecks.element("loop.labeler.cp2k.basis-per-element", el);
        for (String el : potentialPerElement.keySet()) QmSettingsChecks.element("loop.labeler.cp2k.potential-per-element", el);
        if (!(cutoff > 0 && relCutoff > 0)) {
            throw new IllegalArgumentException("loop.labeler.cp2k: cutoff and rel-cutoff must be > 0 Ry, got " + cutoff + ", " + relCutoff);
        }
        if (!(epsScf > 0) || maxScf < 1 || maxOuterScf < 1) {
            throw new IllegalArgumentException("loop.labeler.cp2k: eps-scf must be > 0 and max-scf, max-outer-scf >= 1");
        }
        if (!(smearing >= 0) || addedMos < 0) {
            throw new IllegalArgumentException("loop.labeler.cp2k: smearing must be >= 0 K and added-mos >= 0, got "
                    + smearing + ", " + addedMos);
        }
        if (smearing > 0 && addedMos == 0) {
            throw new IllegalArgumentException("loop.labeler.cp2k: smearing needs empty orbitals to smear into (added-mos > 0)");
        }
        if (multiplicity < 1) throw new IllegalArgumentException("loop.labeler.cp2k.multiplicity must be >= 1, got " + multiplicity);
        if (!(vacuum > 0)) throw new IllegalArgumentException("loop.labeler.cp2k.vacuum must be > 0 Å, got " + vacuum);
        if (!template.isEmpty()) {
            try {
                QmInput.checkPlaceholders(template, Cp2kInput.PLACEHOLDERS);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("loop.labeler.cp2k.template: " + e.getMessage());
            }
        }
    }

    /** Reads the section (all keys present: dpspark-defaults.conf has them). */
    public static Cp2kSettings fromConfig(Config c) {
        return new Cp2kSettings(c.getString("program"), c.getStringList("launcher"), c.getInt("threads"),
                c.getLong("timeout"), c.getString("functional"), c.getString("basis-set"), c.getString("potential"),
                strings(c.getConfig("basis-per-element")), strings(c.getConfig("potential-per-element")),
                c.getString("data-dir"), c.getString("basis-file"), c.getString("potential-file"), c.getDouble("cutoff"),
                c.getDouble("rel-cutoff"), c.getDouble("eps-scf"), c.getInt("max-scf"), c.getInt("max-outer-scf"),
                c.getDouble("smearing"), c.getInt("added-mos"), c.getIntList("kpoints"), c.getInt("charge"), c.getInt("multiplicity"), c.getBoolean("stress"), c.getDouble("vacuum"),
                template(c.getString("template")));
    }

    /** The template file's text ({@code ""} for none). */
    private static String template(String path) {
        if (path.isEmpty()) return "";
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of(path));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("loop.labeler.cp2k.template: cannot read " + path + " (" + e.getMessage() + ")");
        }
    }

    private static Map<String, String> strings(Config c) {
        Map<String, String> m = new TreeMap<>();
        for (var e : c.entrySet()) m.put(e.getKey().replace("\"", ""), c.getString(e.getKey()));
        return m;
    }

    /** Whether the SCF diagonalises (smearing or k-points) rather than running OT. */
    public boolean diagonalise() {
        return smearing > 0 || !kpoints.isEmpty();
    }

    /** The basis set name of element {@code z}. */
    public String basisOf(int z) {
        return basisPerElement.getOrDefault(Elements.symbol(z), basisSet);
    }

    /** The pseudopotential name of element {@code z}. */
    public String potentialOf(int z) {
        return potentialPerElement.getOrDefault(Elements.symbol(z), potential);
    }
}
