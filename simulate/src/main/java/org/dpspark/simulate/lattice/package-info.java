/**
 * Built-in initial structures: crystals from a cubic conventional cell repeated nx×ny×nz
 * ({@link org.dpspark.simulate.lattice.Lattice}, lattice constant in Å) and cubic boxes of rigid water molecules at a
 * given density ({@link org.dpspark.simulate.lattice.WaterBox}); both orthorhombic and periodic in all directions.
 */
package org.dpspark.simulate.lattice;
