package org.dpspark.core;

/** An element symbol, number or type label that names no chemical element. */
public final class UnknownElementException extends IllegalArgumentException {
    private final String name;

    public UnknownElementException(String name) {
        super("unknown element '" + name + "'");
        this.name = name;
    }

    /** An unknown or unsafe name with a message that says why. */
    public UnknownElementException(String name, String message) {
        super(message);
        this.name = name;
    }

    /** The offending symbol, number or label as given. */
    public String name() {
        return name;
    }
}
