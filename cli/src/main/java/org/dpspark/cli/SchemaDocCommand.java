package org.dpspark.cli;

import org.dpspark.core.table.SchemaDoc;
import picocli.CommandLine.Command;

/** {@code dpspark schema-doc}: prints docs/schema.md. */
@Command(name = "schema-doc", description = "Print the table schemas as Markdown (the source of docs/schema.md).")
public final class SchemaDocCommand implements Runnable {
    @Override
    public void run() {
        System.out.print(SchemaDoc.markdown());
    }
}
