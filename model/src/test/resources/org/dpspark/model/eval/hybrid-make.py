"""Golden data of the hybrid-descriptor test (HybridGoldenTest), made with DeePMD-kit's own NumPy backend
(deepmodeling/deepmd-kit commit bc902daf7, deepmd/dpmodel/descriptor/hybrid.py) through /work/shared/tools/deepmd-numpy:
  make-env.sh <deepmd-kit git dir> /tmp/dpnp; export PYTHONPATH=/tmp/dpnp/shim:/tmp/dpnp/src
  for m in hybrid hybrid-dpa1; do python3 .../deepmd-numpy/eval.py --make-model $m-config.json $m-raw.yaml; done
  python3 hybrid-make.py hybrid hybrid-dpa1
Two hybrids on types C, H, O: se_e2_a (r_c 5 Å, two-side nets) + se_e2_r (r_c 4 Å, type_one_side, resnet_dt), and
DPA-1 (se_atten, r_c 4.5 Å, sel 60, one attention layer, concat_output_tebd; the fitting then mixed_types) + the same
se_e2_r. Sets non-trivial davg/dstd of every member and bias_atom_e, writes <name>.yaml, and evaluates frame 0 of
water/data_0 (192 atoms, periodic) and nopbc-CHO/C1H4O2: energy and per-atom energies (exact), forces by central
differences of the energy (step 1e-5 Å) for the molecule's atoms and the first 4 atoms of water ->
<name>-reference.yaml."""
import numpy as np, yaml, os, sys
from deepmd.dpmodel.utils.serialization import load_dp_model, save_dp_model
from deepmd.infer.deep_pot import DeepPot
DATA = "/work/shared/data/deepmd"
SYSTEMS = [("water/data_0", 4), ("nopbc-CHO/C1H4O2", None)]
for name in sys.argv[1:]:
    d = load_dp_model(f"{name}-raw.yaml")
    m = d["model"]; tm = m["type_map"]
    for k, sub in enumerate(m["descriptor"]["list"]):
        dv = sub["@variables"]
        nt, nn = dv["davg"].shape[0], dv["davg"].shape[1]
        davg = np.zeros_like(dv["davg"]); davg[..., 0] = 0.05 + 0.03 * k + 0.02 * np.arange(nt)[:, None]
        dstd = np.ones_like(dv["dstd"]); dstd[..., 0] = 0.25 + 0.05 * k
        if dstd.shape[-1] > 1: dstd[..., 1:] = 0.12
        dv["davg"], dv["dstd"] = davg, dstd
    fv = m["fitting"]["@variables"]
    fv["bias_atom_e"] = np.array([[-37.5], [-13.6], [-75.1]])
    save_dp_model(f"{name}.yaml", d)
    dp = DeepPot(f"{name}.yaml")
    frames = []
    for sysname, nfd in SYSTEMS:
        s = f"{DATA}/{sysname}"
        names = open(f"{s}/type_map.raw").read().split()
        t = np.array([tm.index(names[int(x)]) for x in open(f"{s}/type.raw").read().split()])
        c = np.load(f"{s}/set.000/coord.npy")[0].reshape(1, -1).astype(np.float64)
        b = None if os.path.exists(f"{s}/nopbc") else np.load(f"{s}/set.000/box.npy")[0].reshape(1, 9).astype(np.float64)
        ev = lambda cc: dp.eval(cc, b, t, atomic=True)
        e, f, v, ae, av = ev(c)
        n = len(t) if nfd is None else nfd
        h = 1e-5; fd = np.zeros(3 * n)
        for i in range(3 * n):
            cp, cm = c.copy(), c.copy(); cp[0, i] += h; cm[0, i] -= h
            fd[i] = -(float(ev(cp)[0].ravel()[0]) - float(ev(cm)[0].ravel()[0])) / (2 * h)
        frames.append({"system": sysname, "frame": 0, "atype": t.tolist(), "coord": c.ravel().tolist(),
                       "box": None if b is None else b.ravel().tolist(), "energy": float(e.ravel()[0]),
                       "atomic_energy": ae.ravel().tolist(), "force_fd_atoms": n, "force_fd": fd.tolist(), "fd_step": h})
        print(name, sysname, float(e.ravel()[0]), fd[:3], flush=True)
    yaml.safe_dump({"model": f"{name}.yaml", "frames": frames}, open(f"{name}-reference.yaml", "w"),
                   default_flow_style=None, width=120)
