"""Raw values for one indicator, written as a unit would write them (pure Python, no Django).

The value follows the indicator's scoring rule so the engine can score it: a percentage for a
linear rule, "Có"/"Không" for yes/no, one of the printed levels for steps, and the inputs of
each part for a composite rule. Locale decides the decimal mark (DTI files are written "en").
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from chiso.engine.frameworks import Indicator, Rule


@dataclass(frozen=True)
class RawValue:
    raw: str
    inputs: dict[str, str] = field(default_factory=dict)


def decimal_text(number: float, locale: str) -> str:
    """``83.52`` as a unit writes it: "83,52" in vi, "83.52" in en."""
    text = f"{number:.2f}"
    return text.replace(".", ",") if locale == "vi" else text


def raw_value(indicator: Indicator, rng: random.Random, locale: str, skill: float) -> RawValue:
    """A plausible value; ``skill`` (0–1) makes a unit consistently better or worse."""
    rule = indicator.rule or Rule("manual")
    if rule.kind == "composite":
        inputs = {part["code"]: _part_value(part["rule"], rng, locale, skill).raw for part in rule.get("parts") or []}
        return RawValue("Có" if rng.random() < 0.5 + skill / 2 else "Không", inputs)
    return _part_value(rule, rng, locale, skill)


def _part_value(rule, rng: random.Random, locale: str, skill: float) -> RawValue:
    kind = rule.kind if isinstance(rule, Rule) else rule["kind"]
    params = rule.params if isinstance(rule, Rule) else rule
    if kind == "yes_no":
        return RawValue("Có" if rng.random() < 0.55 + skill * 0.4 else "Không")
    if kind == "steps":
        levels = params.get("levels") or []
        texts = [lv["equals"] for lv in levels if "equals" in lv]
        if texts:
            return RawValue(texts[0] if rng.random() < 0.5 + skill / 2 else rng.choice(texts + ["Không"]))
        return RawValue(str(rng.randint(0, 5)))
    if kind == "threshold":
        threshold = float(params.get("threshold", 100))
        return RawValue(str(int(threshold * rng.uniform(0.4 + skill * 0.4, 1.3 + skill * 0.3))))
    # linear, all_or_nothing, relative_to_best and the rest: a share of 100.
    share = min(100.0, rng.uniform(30 + skill * 50, 100 + skill * 20))
    return RawValue(decimal_text(share, locale) + "%")
