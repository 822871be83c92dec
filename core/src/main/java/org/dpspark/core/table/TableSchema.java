package org.dpspark.core.table;

import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** A table's schema declared once: its name, version, a summary and the ordered columns. */
public record TableSchema(String table, int version, String summary, List<Column> columns) {

    public StructType struct() {
        return new StructType(columns.stream().map(Column::field).toArray(StructField[]::new));
    }

    /** Position of a column by name; throws if absent. */
    public int index(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + name + " in " + table);
    }

    /** Markdown section documenting this table (used to generate docs/schema.md). */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("## ").append(table).append(" (schema version ").append(version).append(")\n\n");
        sb.append(summary).append("\n\n");
        sb.append("| column | type | null | unit | shape | meaning |\n|---|---|---|---|---|---|\n");
        for (Column c : columns) {
            sb.append("| `").append(c.name()).append("` | ").append(c.type().simpleString()).append(" | ")
                    .append(c.nullable() ? "yes" : "no").append(" | ").append(c.unit()).append(" | ")
                    .append(c.shape()).append(" | ").append(c.doc()).append(" |\n");
        }
        return sb.append('\n').toString();
    }
}
