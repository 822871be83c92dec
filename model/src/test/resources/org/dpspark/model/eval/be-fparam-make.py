"""Golden data of BeFParamGoldenTest and the fparam/aparam test/simulate ITs, made with DeePMD-kit's own NumPy backend
(deepmodeling/deepmd-kit, deepmd/dpmodel) through /work/shared/tools/deepmd-numpy:
  make-env.sh <deepmd-kit git dir> /tmp/x/dpnp; export PYTHONPATH=/tmp/x/dpnp/shim:/tmp/x/dpnp/src
  python3 .../deepmd-numpy/eval.py --make-model be-fparam-config.json be-raw.yaml   # seeded se_e2_a + ener, F=1, A=1
  python3 be-fparam-make.py /work/shared/data/deepmd/Be-multiset
A model for DeePMD-kit's examples/fparam beryllium data (54 Be atoms, fparam = aparam = 0.2585 in every frame):
fparam/aparam statistics off the data's value (so the normalised inputs are not zero), davg/dstd of the right order,
bias_atom_e near the data's -3.11 eV/atom; writes be-fparam.yaml. Evaluates frame 0 of set.000, set.001 and set.002
with the data's fparam/aparam (energy, per-atom energies: exact), frame 0 of set.000 also with fparam 0.6 and
aparam 0.1 + 0.01 i (i the atom index), and forces of frame 0 of set.000 (data's parameters) by central differences
of the energy (step 1e-5 Å; the NumPy backend has no analytic forces) -> be-fparam-reference.yaml."""
import sys
import numpy as np, yaml
from deepmd.dpmodel.utils.serialization import load_dp_model, save_dp_model
system = sys.argv[1]
d = load_dp_model("be-raw.yaml")
m = d["model"]
fv = m["fitting"]["@variables"]
fv["fparam_avg"] = np.array([0.2]); fv["fparam_inv_std"] = np.array([5.0])
fv["aparam_avg"] = np.array([0.3]); fv["aparam_inv_std"] = np.array([4.0])
fv["bias_atom_e"] = np.array([[-3.11]])
dv = m["descriptor"]["@variables"]
davg = np.zeros_like(dv["davg"]); davg[..., 0] = 0.08; dstd = np.ones_like(dv["dstd"]); dstd[..., 0] = 0.1; dstd[..., 1:] = 0.06
dv["davg"], dv["dstd"] = davg, dstd
save_dp_model("be-fparam.yaml", d)
from deepmd.infer.deep_pot import DeepPot
dp = DeepPot("be-fparam.yaml")
t = np.array([int(x) for x in open(f"{system}/type.raw").read().split()])
n = len(t)
cases = []
for s in ["set.000", "set.001", "set.002"]:
    c = np.load(f"{system}/{s}/coord.npy")[0].reshape(1, -1).astype(np.float64)  # float32 in the data: DeePMD-kit
    b = np.load(f"{system}/{s}/box.npy")[0].reshape(1, 9).astype(np.float64)  # would answer in float32
    fp = np.load(f"{system}/{s}/fparam.npy").reshape(-1, 1)[0].reshape(1, 1).astype(np.float64)
    ap = np.load(f"{system}/{s}/aparam.npy").reshape(-1, n, 1)[0].reshape(1, n, 1).astype(np.float64)
    cases.append((s, c, b, fp, ap))
s, c, b, _, _ = cases[0]
cases.append((s + " fparam 0.6", c, b, np.array([[0.6]]), (0.1 + 0.01 * np.arange(n)).reshape(1, n, 1)))
out = {"model": "be-fparam.yaml", "atype": t.tolist(), "frames": []}
for k, (s, c, b, fp, ap) in enumerate(cases):
    e, f, v, ae, av = dp.eval(c, b, t, atomic=True, fparam=fp, aparam=ap)
    fr = {"source": s, "coord": c.ravel().tolist(), "box": b.ravel().tolist(), "fparam": fp.ravel().tolist(),
          "aparam": ap.ravel().tolist(), "energy": float(e.ravel()[0]), "atomic_energy": ae.ravel().tolist()}
    if k == 0:
        h = 1e-5; fd = np.zeros(c.size)
        for i in range(c.size):
            cp, cm = c.copy(), c.copy(); cp[0, i] += h; cm[0, i] -= h
            fd[i] = -(dp.eval(cp, b, t, fparam=fp, aparam=ap)[0].ravel()[0] - dp.eval(cm, b, t, fparam=fp, aparam=ap)[0].ravel()[0]) / (2 * h)
        fr["force_fd"] = fd.tolist(); fr["fd_step"] = h
    out["frames"].append(fr)
    print(s, fr["energy"])
yaml.safe_dump(out, open("be-fparam-reference.yaml", "w"), default_flow_style=None, width=120)
