package org.dpspark.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.Descriptor;
import org.dpspark.model.HybridDescriptor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dpspark import-model}: a DeePMD-kit {@code .yaml} / {@code .dp} model → a dpspark model directory. */
@Command(name = "import-model", mixinStandardHelpOptions = true,
        description = "Import a DeePMD-kit model serialized by `dp convert-backend` (.yaml or .dp; se_e2_a or se_e2_r + ener)"
                + " into a dpspark model directory.")
public final class ImportModelCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--from", required = true, description = "DeePMD-kit model file (.yaml, .yml, .dp)")
    Path from;

    @Option(names = {"-o", "--output"}, required = true, description = "dpspark model directory to create")
    Path output;

    @Override
    public Integer call() throws Exception {
        DeepPotModel model = DeepPotModel.importDeepmd(from);
        Map<String, Object> provenance = new LinkedHashMap<>(model.provenance());
        provenance.put("imported_from", from.toAbsolutePath().toString());
        provenance.put("imported_at", Instant.now().toString());
        model.withMetadata(provenance, model.training()).save(output);
        spec.commandLine().getOut().printf("imported %s: descriptor %s, type map %s, rcut %.3f Å, sel %s → %s%n", from,
                describe(model.descriptor()), model.typeMap(), model.rcut(),
                java.util.Arrays.toString(model.descriptor().sel()), output);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The descriptor's type, with a hybrid's members: {@code hybrid [se_e2_a, se_e2_r]}. */
    static String describe(Descriptor d) {
        if (d instanceof HybridDescriptor h) return "hybrid " + h.list().stream().map(Descriptor::type).toList();
        return d.type();
    }
}
