package org.dpspark.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dpspark.model.DeepPotModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dpspark export-model}: a dpspark model directory → DeePMD-kit's {@code .yaml} / {@code .dp}. A compressed
 * model exports its uncompressed nets, with a warning saying so.
 */
@Command(name = "export-model", mixinStandardHelpOptions = true,
        description = "Write a dpspark model in DeePMD-kit's backend-neutral serialization (.yaml or .dp), for"
                + " `dp convert-backend model.yaml model.pth` and LAMMPS' pair_style deepmd.")
public final class ExportModelCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--model", required = true, description = "dpspark model directory")
    Path model;

    @Option(names = "--to", required = true, description = "output file: .yaml, .yml or .dp")
    Path to;

    @Override
    public Integer call() throws Exception {
        DeepPotModel m = DeepPotModel.load(model);
        if (m.compressed()) {
            // DeePMD-kit's backend-neutral serialization holds nets, not tables: the export is the uncompressed model
            spec.commandLine().getErr().printf("warning: %s is a compressed model; %s gets its uncompressed embedding nets"
                    + " (the tables are not part of DeePMD-kit's serialization: compress again there with dp compress)%n",
                    model, to);
            spec.commandLine().getErr().flush();
        }
        m.exportDeepmd(to);
        spec.commandLine().getOut().printf("exported %s (type map %s) → %s%n", model, m.typeMap(), to);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
