package org.dpspark.cli;

import java.util.ArrayList;
import java.util.List;

/** The {@code --sel} option of featurize: {@code auto}, {@code auto:<ratio>} or slot counts per type ({@code 46,92}). */
final class SelOption {
    private SelOption() {}

    /**
     * The typed configuration value of {@code model.sel}: the text itself for {@code auto[:ratio]}, else the list of
     * slot counts.
     *
     * @throws IllegalArgumentException (one line) for anything else, a count that is no integer or is negative
     */
    static Object value(String sel) {
        String s = sel.trim();
        if (s.startsWith("auto")) {
            return s;
        }
        List<Integer> slots = new ArrayList<>();
        for (String part : s.split(",", -1)) {
            try {
                slots.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--sel expects slot counts per type (e.g. 46,92), auto or"
                        + " auto:<ratio>, got '" + sel + "'");
            }
        }
        return slots;
    }
}
