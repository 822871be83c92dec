/**
 * Report graphics: headless PNG charts ({@link org.dpspark.core.plot.Charts}, XChart) and a mergeable fixed-bin
 * {@link org.dpspark.core.plot.Histogram} that executors fill and the driver adds up.
 */
package org.dpspark.core.plot;
