/**
 * Neighbour lists within a cutoff: {@link org.dpspark.model.neighbor.NeighborListBuilder} (a cell list for any
 * geometry: orthorhombic or triclinic cells, cells narrower than the cutoff, mixed periodicity, molecules) builds a
 * CSR-style {@link org.dpspark.model.neighbor.NeighborList} of entries (neighbour index, periodic image shift,
 * r_ij = r_j − r_i in Å). Cells are 3×3 row-major with rows the cell vectors.
 */
package org.dpspark.model.neighbor;
