"""Reference data for the optimizer playground and the EWA widget (docs/assets/javascripts/playground.js,
ewa-widget.js), computed with torch.optim in float64.

Not an example on a page: a plain program. Running it prints a short summary table; everything it computes
is in the top-level variable ``reference``, a JSON-able dict (the build writes it as
``assets/playground/reference.json``). JSON has no NaN or infinity: a non-finite number is written as the
string "NaN", "Infinity" or "-Infinity" (``Number(s)`` in JavaScript reads it back).

* ``landscapes``: the race's three functions, starts, step counts, learning rates (as in lab/race.*.py);
* ``runs``: every landscape x every optimizer x the settings "default" (the race's), "alt" (a smaller or
  other learning rate, other betas) and "large" (a large learning rate: the SGD family diverges), plus the
  bowl's two "theory" runs; each with its hyperparameters, the path [[x, y], ...] and the loss per step;
* ``theory``: the bowl's curvatures, condition number and the best fixed settings derived from them;
* ``ewa``: the 30 temperatures of optimizers/ewa_data.*.py (seed 0, float32 values) and their exponentially
  weighted averages for several beta: "source" (S1 = Y1, as on the optimizers page), "zero" (S0 = 0, no
  correction) and "corrected" (S0 = 0, divided by 1 - beta^t).
"""

import math

import torch
from torch import optim

DTYPE = torch.float64

# The seven optimizers of the race, with torch's defaults for everything the race does not set.
OPTIMIZERS = ["SGD", "Momentum", "Nesterov", "AdaGrad", "RMSProp", "Adam", "AdamW"]
DEFAULTS = {
    "SGD": {},
    "Momentum": {"momentum": 0.9},
    "Nesterov": {"momentum": 0.9},
    "AdaGrad": {},
    "RMSProp": {"alpha": 0.99},
    "Adam": {"betas": [0.9, 0.999]},
    "AdamW": {"betas": [0.9, 0.999], "weight_decay": 0.01},
}
ALT = {"Momentum": {"momentum": 0.5}, "Nesterov": {"momentum": 0.5}, "RMSProp": {"alpha": 0.9},
       "Adam": {"betas": [0.8, 0.99]}, "AdamW": {"betas": [0.8, 0.99], "weight_decay": 0.01}}


def make_optimizer(name, params, hyper):
    lr = hyper["lr"]
    if name == "SGD":
        return optim.SGD(params, lr=lr)
    if name in ("Momentum", "Nesterov"):
        return optim.SGD(params, lr=lr, momentum=hyper["momentum"], nesterov=name == "Nesterov")
    if name == "AdaGrad":
        return optim.Adagrad(params, lr=lr)
    if name == "RMSProp":
        return optim.RMSprop(params, lr=lr, alpha=hyper["alpha"])
    if name == "Adam":
        return optim.Adam(params, lr=lr, betas=tuple(hyper["betas"]))
    return optim.AdamW(params, lr=lr, betas=tuple(hyper["betas"]), weight_decay=hyper["weight_decay"])


# The race's landscapes (lab/race.*.py): lr lists one rate per optimizer, in the order above.
LANDSCAPES = {
    "bowl": dict(f=lambda x, y: 0.1 * x**2 + 2 * y**2, formula="0.1x² + 2y²",
                 start=(-8.0, 1.5), star=(0.0, 0.0), steps=100, box=(-9, 3, -2.5, 2.5),
                 lr=(0.1, 0.1, 0.1, 1.0, 0.1, 0.3, 0.3),
                 alt=(0.3, 0.05, 0.05, 3.0, 0.03, 0.1, 0.1),
                 large=(0.6, 1.0, 0.4, 30.0, 3.0, 10.0, 10.0)),
    "saddle": dict(f=lambda x, y: x**2 - y**2, formula="x² − y²",
                   start=(-1.5, 0.01), star=(0.0, 0.0), steps=50, box=(-2, 2, -2, 2),
                   lr=(0.05, 0.05, 0.05, 0.2, 0.05, 0.05, 0.05),
                   alt=(0.02, 0.02, 0.02, 0.05, 0.01, 0.01, 0.01),
                   large=(1.5, 1.5, 1.5, 5.0, 1.0, 1.0, 1.0)),
    "rosenbrock": dict(f=lambda x, y: (1 - x) ** 2 + 100 * (y - x**2) ** 2, formula="(1 − x)² + 100(y − x²)²",
                       start=(-1.2, 1.0), star=(1.0, 1.0), steps=300, box=(-1.5, 1.5, -0.5, 2.0),
                       lr=(1e-3, 1e-3, 1e-3, 0.5, 0.01, 0.1, 0.1),
                       alt=(3e-4, 2e-3, 2e-3, 0.1, 3e-3, 0.03, 0.03),
                       large=(0.01, 0.01, 0.01, 5.0, 0.3, 1.0, 1.0)),
}


def num(v):
    """A float for JSON: non-finite values become the strings JavaScript's Number() reads back."""
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def trajectory(f, name, hyper, start, steps):
    """The path of one torch.optim optimizer from ``start``, in float64: (points, losses), steps + 1 each."""
    p = torch.tensor(start, dtype=DTYPE, requires_grad=True)
    optimizer = make_optimizer(name, [p], hyper)
    points, losses = [p.tolist()], []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = f(*p)
        loss.backward()
        losses.append(loss.item())
        optimizer.step()
        points.append(p.tolist())
    with torch.no_grad():
        losses.append(f(*p).item())
    return points, losses


def bowl_theory():
    """Curvatures of the bowl (eigenvalues of its Hessian) and the best fixed settings they give."""
    f = LANDSCAPES["bowl"]["f"]
    hessian = torch.autograd.functional.hessian(lambda p: f(*p), torch.zeros(2, dtype=DTYPE))
    lmin, lmax = (v.item() for v in torch.linalg.eigvalsh(hessian))
    kappa = lmax / lmin
    root = math.sqrt(kappa)
    ratio = (root - 1) / (root + 1)
    s = math.sqrt(lmax) + math.sqrt(lmin)
    return {
        "lambda_min": lmin, "lambda_max": lmax, "kappa": kappa,
        "sgd_lr": 2 / (lmin + lmax),  # minimises max |1 − ηλ| over [λmin, λmax]
        "sgd_rate": (kappa - 1) / (kappa + 1),  # the error shrinks by this factor per step
        "momentum_beta": ratio * ratio,  # heavy ball (torch's SGD momentum): β* = ((√κ − 1)/(√κ + 1))²
        "momentum_lr": 4 / (s * s),  # and η* = 4/(√λmax + √λmin)²
        "momentum_rate": ratio,
        "sgd_lr_limit": 2 / lmax,
    }


def run_all():
    runs = []
    for land_name, land in LANDSCAPES.items():
        for i, name in enumerate(OPTIMIZERS):
            for setting in ("default", "alt", "large"):
                lr = land["lr" if setting == "default" else setting][i]
                hyper = {"lr": lr, **(ALT if setting == "alt" else DEFAULTS).get(name, DEFAULTS[name])}
                runs.append((land_name, name, setting, hyper))
    theory = bowl_theory()
    runs.append(("bowl", "SGD", "theory", {"lr": theory["sgd_lr"]}))
    runs.append(("bowl", "Momentum", "theory", {"lr": theory["momentum_lr"], "momentum": theory["momentum_beta"]}))
    out = []
    for land_name, name, setting, hyper in runs:
        land = LANDSCAPES[land_name]
        points, losses = trajectory(land["f"], name, hyper, land["start"], land["steps"])
        out.append({"landscape": land_name, "optimizer": name, "setting": setting, "hyper": hyper,
                    "steps": land["steps"], "path": [[num(x), num(y)] for x, y in points],
                    "loss": [num(v) for v in losses]})
    return out, theory


def ewa_reference(betas=(0.0, 0.5, 0.9, 0.98)):
    torch.manual_seed(0)  # the same 30 temperatures as optimizers/ewa_data.*.py
    temperature = torch.rand(30) * 10  # float32, as on the page; the averages below are float64
    y = temperature.to(DTYPE)
    series = []
    for beta in betas:
        source = [y[0]]  # S1 = Y1, St = βS(t−1) + (1 − β)Yt
        for value in y[1:]:
            source.append(beta * source[-1] + (1 - beta) * value)
        zero, s = [], torch.tensor(0.0, dtype=DTYPE)  # S0 = 0, as Adam's moments
        for value in y:
            s = beta * s + (1 - beta) * value
            zero.append(s)
        zero = torch.stack(zero)
        corrected = [v / (1 - beta ** (t + 1)) for t, v in enumerate(zero.tolist())]
        series.append({"beta": beta, "source": [num(v) for v in torch.stack(source).tolist()],
                       "zero": [num(v) for v in zero.tolist()], "corrected": [num(v) for v in corrected]})
    return {"seed": 0, "days": 30, "temperature": [num(v) for v in y.tolist()], "series": series}


runs, theory = run_all()
reference = {
    "torch": torch.__version__,
    "dtype": "float64",
    "optimizers": [{"name": name, "defaults": DEFAULTS[name]} for name in OPTIMIZERS],
    "landscapes": {name: {"formula": land["formula"], "start": list(land["start"]), "star": list(land["star"]),
                          "steps": land["steps"], "box": list(land["box"]), "lr": list(land["lr"])}
                   for name, land in LANDSCAPES.items()},
    "runs": runs,
    "theory": {"bowl": theory},
    "ewa": ewa_reference(),
}


def final_loss(run):
    loss = run["loss"][-1]
    return "diverged" if isinstance(loss, str) else f"{loss:.3g}"


def beta_of(hyper):
    beta = hyper.get("momentum", hyper.get("alpha", hyper.get("betas")))
    return "" if beta is None else "/".join(f"{b:g}" for b in beta) if isinstance(beta, list) else f"{beta:.4g}"


print(f"torch {torch.__version__}, float64: {len(runs)} reference runs; final loss after each landscape's steps "
      "(β: momentum, RMSProp's alpha or Adam's betas)")
for land_name, land in LANDSCAPES.items():
    f0 = land["f"](*torch.tensor(land["start"], dtype=DTYPE)).item()
    print(f"{land_name}, f = {land['formula']}: {land['steps']} steps from {land['start']} (loss {f0:.3g})")
    print(f"  {'optimizer':11}{'default lr':>10}{'β':>10}{'loss':>10}  |{'alt lr':>8}{'β':>9}{'loss':>10}  |"
          f"{'large lr':>9}{'loss':>10}")
    for name in OPTIMIZERS:
        by = {r["setting"]: r for r in runs if r["landscape"] == land_name and r["optimizer"] == name}
        d, a, g = by["default"], by["alt"], by["large"]
        print(f"  {name:11}{d['hyper']['lr']:>10g}{beta_of(d['hyper']):>10}{final_loss(d):>10}  |"
              f"{a['hyper']['lr']:>8g}{beta_of(a['hyper']):>9}{final_loss(a):>10}  |"
              f"{g['hyper']['lr']:>9g}{final_loss(g):>10}")
t = theory
theory_runs = {r["optimizer"]: final_loss(r) for r in runs if r["setting"] == "theory"}
print(f"bowl: λmin = {t['lambda_min']:g}, λmax = {t['lambda_max']:g}, κ = {t['kappa']:g}; "
      f"SGD: best lr 2/(λmin+λmax) = {t['sgd_lr']:.4f}, loss {theory_runs['SGD']} after 100 steps; "
      f"Momentum: β* = {t['momentum_beta']:.4f}, lr* = {t['momentum_lr']:.4f}, loss {theory_runs['Momentum']}")
ewa = reference["ewa"]
print("EWA of the 30 temperatures, day 30:  β  " + "".join(f"{s['beta']:>8g}" for s in ewa["series"]))
for mode, label in (("source", "S1 = Y1"), ("zero", "S0 = 0"), ("corrected", "S0 = 0, corrected")):
    print(f"  {label:34}" + "".join(f"{s[mode][-1]:>8.4f}" for s in ewa["series"]))
