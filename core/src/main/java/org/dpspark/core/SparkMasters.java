package org.dpspark.core;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The Spark master URLs a job accepts, checked before the session starts: Spark reports a bad one only after
 * logging its whole stack trace from the SparkContext constructor.
 */
public final class SparkMasters {
    private SparkMasters() {}

    private static final List<Pattern> FORMS = List.of(
            Pattern.compile("local"),
            Pattern.compile("local\\[(\\*|[1-9][0-9]*)(\\s*,\\s*[0-9]+)?]"),
            Pattern.compile("local-cluster\\[\\s*[1-9][0-9]*\\s*,\\s*[1-9][0-9]*\\s*,\\s*[1-9][0-9]*\\s*]"),
            Pattern.compile("spark://[^\\s/:,]+(:[0-9]+)?(,[^\\s/:,]+(:[0-9]+)?)*"),
            Pattern.compile("yarn"),
            Pattern.compile("k8s://\\S+"),
            Pattern.compile("mesos://\\S+"));

    /** The forms, for the error message. */
    static final String ACCEPTED = "local, local[N], local[*], local[N,F], local-cluster[N,C,MB], spark://host:port,"
            + " yarn, k8s://https://host:port";

    /** Throws, in one line naming the value and the accepted forms, when {@code master} is no Spark master URL. */
    public static void check(String master) {
        String m = master.trim();
        if (FORMS.stream().noneMatch(p -> p.matcher(m).matches())) {
            throw new IllegalArgumentException("bad --master '" + master + "': use one of " + ACCEPTED);
        }
    }
}
