"""Golden data of the se_atten (DPA-1) tests, made with DeePMD-kit's own NumPy backend (deepmd/dpmodel) through
/work/shared/tools/deepmd-numpy (see README.md next to this file):
  make-env.sh <deepmd-kit git dir> /tmp/dpnp; export PYTHONPATH=/tmp/dpnp/shim:/tmp/dpnp/src
  for c in dpa1-*-config.json; do python3 .../deepmd-numpy/eval.py --make-model $c ${c%-config.json}-raw.yaml; done
  python3 dpa1-make.py
It sets non-trivial davg/dstd (so that padding slots, which DeePMD-kit's dense se_atten normalises to -davg/dstd and
feeds with the type embedding of atom 0, count), layer-norm weights and bias_atom_e, writes dpa1-<name>.yaml, and
evaluates real frames: water (data_0 frame 0, 192 atoms, periodic) and two nopbc CHO molecules: energy and per-atom
energies (exact), forces by central differences of the energy (step 1e-5 Å) for every atom of the molecules and the
first 4 atoms of water -> dpa1-<name>-reference.yaml."""
import numpy as np, yaml, sys, os
from deepmd.dpmodel.utils.serialization import load_dp_model, save_dp_model
from deepmd.infer.deep_pot import DeepPot
DATA = "/work/shared/data/deepmd"
SYSTEMS = [("water/data_0", 4), ("nopbc-CHO/C1H4O2", None), ("nopbc-CHO/C3H3O4", None)]
def ln_layers(att):
    for l in att["attention_layers"]:
        yield l["attn_layer_norm"]["@variables"]
for name in sys.argv[1:]:
    rng = np.random.default_rng(sum(map(ord, name)) + 11)
    d = load_dp_model(f"dpa1-{name}-raw.yaml")
    m = d["model"]; desc = m["descriptor"]; tm = m["type_map"]
    dv = desc["@variables"]
    davg = np.zeros_like(dv["davg"]); davg[..., 0] = 0.1 + 0.02 * np.arange(davg.shape[0])[:, None]
    dstd = np.ones_like(dv["dstd"]); dstd[..., 0] = 0.3; dstd[..., 1:] = 0.15
    dv["davg"], dv["dstd"] = davg, dstd
    for v in ln_layers(desc["attention_layers"]):
        v["w"] = 1.0 + 0.2 * rng.standard_normal(v["w"].shape); v["b"] = 0.1 * rng.standard_normal(v["b"].shape)
    m["fitting"]["@variables"]["bias_atom_e"] = np.array([[-37.5], [-13.6], [-75.1], [-54.6]])[: len(tm)]
    save_dp_model(f"dpa1-{name}.yaml", d)
    dp = DeepPot(f"dpa1-{name}.yaml")
    frames = []
    for sysname, nfd in SYSTEMS:
        s = f"{DATA}/{sysname}"
        names = open(f"{s}/type_map.raw").read().split()
        t = np.array([tm.index(names[int(x)]) for x in open(f"{s}/type.raw").read().split()])
        c = np.load(f"{s}/set.000/coord.npy")[0].reshape(1, -1).astype(np.float64)
        b = None if os.path.exists(f"{s}/nopbc") else np.load(f"{s}/set.000/box.npy")[0].reshape(1, 9).astype(np.float64)
        e, f, v, ae, av = dp.eval(c, b, t, atomic=True)
        n = len(t) if nfd is None else nfd
        h = 1e-5; fd = np.zeros(3 * n)
        for i in range(3 * n):
            cp, cm = c.copy(), c.copy(); cp[0, i] += h; cm[0, i] -= h
            fd[i] = -(float(dp.eval(cp, b, t)[0].ravel()[0]) - float(dp.eval(cm, b, t)[0].ravel()[0])) / (2 * h)
        frames.append({"system": sysname, "frame": 0, "atype": t.tolist(), "coord": c.ravel().tolist(),
                       "box": None if b is None else b.ravel().tolist(), "energy": float(e.ravel()[0]),
                       "atomic_energy": ae.ravel().tolist(), "force_fd_atoms": n, "force_fd": fd.tolist(), "fd_step": h})
        print(name, sysname, float(e.ravel()[0]), fd[:3], flush=True)
    yaml.safe_dump({"model": f"dpa1-{name}.yaml", "frames": frames}, open(f"dpa1-{name}-reference.yaml", "w"),
                   default_flow_style=None, width=120)
