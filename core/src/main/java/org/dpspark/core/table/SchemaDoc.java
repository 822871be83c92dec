package org.dpspark.core.table;

import java.util.List;

/** Generates {@code docs/schema.md} from the schema declarations (a test checks the file is current). */
public final class SchemaDoc {
    private SchemaDoc() {}

    /** Every table schema of the project, in documentation order. */
    public static final List<TableSchema> TABLES = List.of(FramesTable.SCHEMA, RejectsTable.SCHEMA,
            DescriptorsTable.SCHEMA, EnvironmentsTable.SCHEMA, TrajectoryFramesTable.SCHEMA,
            TrajectorySummaryTable.SCHEMA);

    public static String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Table schemas\n\n");
        sb.append("Generated from the schema declarations in `core/src/main/java/org/dpspark/core/table/` by\n");
        sb.append("`bin/dpspark schema-doc > docs/schema.md`; a test fails when this file is not current.\n");
        sb.append("Units inside dpspark: Å, eV, eV/Å, virial in eV, fs, amu, K. Arrays are flat and row-major.\n\n");
        for (TableSchema t : TABLES) {
            sb.append(t.markdown());
        }
        return sb.toString();
    }
}
