"""Golden data of FParamGoldenTest, made with DeePMD-kit's own NumPy backend (deepmodeling/deepmd-kit commit
bc902daf, deepmd/dpmodel) through /work/shared/tools/deepmd-numpy:
  make-env.sh <deepmd-kit git dir> /tmp/x/dpnp; export PYTHONPATH=/tmp/x/dpnp/shim:/tmp/x/dpnp/src
  python3 .../deepmd-numpy/eval.py --make-model deeppot-fparam-config.json fp-raw.yaml   # seeded se_e2_a + ener, F=2, A=1
  python3 deeppot-fparam-make.py
It sets non-trivial fparam/aparam statistics, davg/dstd and bias_atom_e, writes deeppot-fparam.yaml, and evaluates
DeePMD-kit's test frame (deeppot_sea-testcase-block1.yaml) with fparam [0.7, -0.4] and per-atom aparam: energy and
per-atom energies (exact), forces by central differences of the per-atom energies (step 1e-5 Å; the NumPy backend
has no analytic forces) -> deeppot-fparam-reference.yaml."""
import numpy as np, yaml, sys
from deepmd.dpmodel.utils.serialization import load_dp_model, save_dp_model
d = load_dp_model("fp-raw.yaml")
m = d["model"]
fv = m["fitting"]["@variables"]
fv["fparam_avg"] = np.array([0.3, -1.2]); fv["fparam_inv_std"] = np.array([2.0, 0.5])
fv["aparam_avg"] = np.array([0.1]); fv["aparam_inv_std"] = np.array([3.0])
fv["bias_atom_e"] = np.array([[-93.5], [-187.25]])
dv = m["descriptor"]["@variables"]
davg = np.zeros_like(dv["davg"]); davg[..., 0] = 0.12; dstd = np.ones_like(dv["dstd"]); dstd[..., 0] = 0.2; dstd[..., 1:] = 0.1
dv["davg"], dv["dstd"] = davg, dstd
save_dp_model("deeppot-fparam.yaml", d)
from deepmd.infer.deep_pot import DeepPot
dp = DeepPot("deeppot-fparam.yaml")
g = yaml.safe_load(open("/work/shared/data/deepmd-models/deeppot_sea-testcase-block1.yaml"))["results"][0]
c = np.array(g["coord"]).reshape(1, -1); b = np.array(g["box"]).reshape(1, 9); t = np.array(g["atype"])
fp = np.array([[0.7, -0.4]]); ap = np.array([0.05, -0.2, 0.3, 0.0, 0.15, -0.1]).reshape(1, 6, 1)
e, f, v, ae, av = dp.eval(c, b, t, atomic=True, fparam=fp, aparam=ap)
h = 1e-5; fd = np.zeros(c.size)
for i in range(c.size):
    cp, cm = c.copy(), c.copy(); cp[0, i] += h; cm[0, i] -= h
    ep = dp.eval(cp, b, t, atomic=True, fparam=fp, aparam=ap)[3].ravel(); em = dp.eval(cm, b, t, atomic=True, fparam=fp, aparam=ap)[3].ravel()
    fd[i] = -np.sum(ep - em) / (2 * h)
out = {"model": "deeppot-fparam.yaml", "coord": c.ravel().tolist(), "atype": t.tolist(), "box": b.ravel().tolist(),
       "fparam": fp.ravel().tolist(), "aparam": ap.ravel().tolist(), "energy": float(e.ravel()[0]),
       "atomic_energy": ae.ravel().tolist(), "force_fd": fd.tolist(), "fd_step": h}
yaml.safe_dump(out, open("deeppot-fparam-reference.yaml", "w"), default_flow_style=None, width=120)
print(out["energy"], out["atomic_energy"], fd[:3])
# and without fparam normalization effect check: fparam at avg
e2 = dp.eval(c, b, t, atomic=True, fparam=np.array([[0.3, -1.2]]), aparam=np.full((1, 6, 1), 0.1))[0]
print("E at the averages", float(e2.ravel()[0]))
