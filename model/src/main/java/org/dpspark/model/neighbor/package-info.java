/**
 * Neighbour lists within a cutoff: {@link org.dpspark.model.neighbor.NeighborListBuilder} (a cell list for any
 * geometry: orthorhombic or triclinic cells, cells narrower than the cutoff, mixed periodicity, molecules) fills a
 * reusable CSR-style {@link org.dpspark.model.neighbor.NeighborList}: per entry the neighbour index, the integer cell
 * shift n and r_ij = r_j + n·h − r_i in Å, with h the 3×3 row-major cell whose rows are the cell vectors.
 */
package org.dpspark.model.neighbor;
