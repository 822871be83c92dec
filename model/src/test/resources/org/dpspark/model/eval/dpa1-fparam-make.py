"""Golden data of the DPA-1 fparam/aparam test (SeAttenFParamGoldenTest), made with DeePMD-kit's own NumPy backend
(deepmodeling/deepmd-kit commit bc902daf7, deepmd/dpmodel) through /work/shared/tools/deepmd-numpy:
  make-env.sh <deepmd-kit git dir> /tmp/dpnp; export PYTHONPATH=/tmp/dpnp/shim:/tmp/dpnp/src
  for L in 0 1; do python3 .../deepmd-numpy/eval.py --make-model dpa1-fparam$L-config.json dpa1-fparam$L-raw.yaml; done
  python3 dpa1-fparam-make.py 0 1
Two se_atten models with numb_fparam 2 and numb_aparam 1 (attn_layer 0 and 1, two-side, concat_output_tebd): sets
non-trivial fparam/aparam statistics, davg/dstd and bias_atom_e, writes dpa1-fparam<L>.yaml, and evaluates frame 0 of
water/data_0 (192 atoms, periodic) and nopbc-CHO/C1H4O2 with fparam [0.7, -0.4] and per-atom aparam 0.05·(i mod 5) - 0.1:
energy and per-atom energies (exact), forces by central differences of the energy (step 1e-5 Å) for the molecule's
atoms and the first 4 atoms of water -> dpa1-fparam<L>-reference.yaml."""
import numpy as np, yaml, sys, os
from deepmd.dpmodel.utils.serialization import load_dp_model, save_dp_model
from deepmd.infer.deep_pot import DeepPot
DATA = "/work/shared/data/deepmd"
SYSTEMS = [("water/data_0", 4), ("nopbc-CHO/C1H4O2", None)]
FP = np.array([[0.7, -0.4]])
for L in sys.argv[1:]:
    d = load_dp_model(f"dpa1-fparam{L}-raw.yaml")
    m = d["model"]; desc = m["descriptor"]; tm = m["type_map"]
    dv = desc["@variables"]
    davg = np.zeros_like(dv["davg"]); davg[..., 0] = 0.1 + 0.02 * np.arange(davg.shape[0])[:, None]
    dstd = np.ones_like(dv["dstd"]); dstd[..., 0] = 0.3; dstd[..., 1:] = 0.15
    dv["davg"], dv["dstd"] = davg, dstd
    fv = m["fitting"]["@variables"]
    fv["fparam_avg"] = np.array([0.3, -1.2]); fv["fparam_inv_std"] = np.array([2.0, 0.5])
    fv["aparam_avg"] = np.array([0.1]); fv["aparam_inv_std"] = np.array([3.0])
    fv["bias_atom_e"] = np.array([[-37.5], [-13.6], [-75.1], [-54.6]])[: len(tm)]
    save_dp_model(f"dpa1-fparam{L}.yaml", d)
    dp = DeepPot(f"dpa1-fparam{L}.yaml")
    frames = []
    for sysname, nfd in SYSTEMS:
        s = f"{DATA}/{sysname}"
        names = open(f"{s}/type_map.raw").read().split()
        t = np.array([tm.index(names[int(x)]) for x in open(f"{s}/type.raw").read().split()])
        c = np.load(f"{s}/set.000/coord.npy")[0].reshape(1, -1).astype(np.float64)
        b = None if os.path.exists(f"{s}/nopbc") else np.load(f"{s}/set.000/box.npy")[0].reshape(1, 9).astype(np.float64)
        ap = (0.05 * (np.arange(len(t)) % 5) - 0.1).reshape(1, len(t), 1)
        ev = lambda cc: dp.eval(cc, b, t, atomic=True, fparam=FP, aparam=ap)
        e, f, v, ae, av = ev(c)
        n = len(t) if nfd is None else nfd
        h = 1e-5; fd = np.zeros(3 * n)
        for i in range(3 * n):
            cp, cm = c.copy(), c.copy(); cp[0, i] += h; cm[0, i] -= h
            fd[i] = -(float(ev(cp)[0].ravel()[0]) - float(ev(cm)[0].ravel()[0])) / (2 * h)
        frames.append({"system": sysname, "frame": 0, "atype": t.tolist(), "coord": c.ravel().tolist(),
                       "box": None if b is None else b.ravel().tolist(), "fparam": FP.ravel().tolist(),
                       "aparam": ap.ravel().tolist(), "energy": float(e.ravel()[0]), "atomic_energy": ae.ravel().tolist(),
                       "force_fd_atoms": n, "force_fd": fd.tolist(), "fd_step": h})
        print(L, sysname, float(e.ravel()[0]), fd[:3], flush=True)
    yaml.safe_dump({"model": f"dpa1-fparam{L}.yaml", "frames": frames}, open(f"dpa1-fparam{L}-reference.yaml", "w"),
                   default_flow_style=None, width=120)
