package org.dpspark.core;

/** A unit name that dpspark cannot convert; the message names the quantity and the unit. */
public final class UnsupportedUnitException extends IllegalArgumentException {
    private final String quantity;
    private final String unit;

    public UnsupportedUnitException(String quantity, String unit) {
        super("unsupported " + quantity + " unit '" + unit + "'");
        this.quantity = quantity;
        this.unit = unit;
    }

    public String quantity() {
        return quantity;
    }

    public String unit() {
        return unit;
    }
}
