"""Write the sample returned workbooks from the real templates.

    python samples/make_samples.py

samples/6m/            the five divisions' returns of round 6m, FY2566, filled with what the
                       office's published report says (samples/seed-actions.yaml)
samples/with-mistakes/ the same office with the mistakes clerks make: a Thai-digit text date
                       (palad e10), a BE year typed as CE (palad e6), a misspelt status (palad e9),
                       an empty required date (palad O2), a renamed file (works), a locked text
                       edited after removing protection (education i2), the same file sent twice
                       (education), and one division that sent nothing (audit)

Run it again whenever the template format changes; tests/test_samples.py checks they are in step.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from ita_xlsx import samples  # noqa: E402
from ita_xlsx.plan import load_plan  # noqa: E402


def main() -> None:
    plan, problems = load_plan(HERE.parent / "workbook_templates" / "plan-2566.yaml")
    if plan is None:
        sys.exit("\n".join(p.message_en for p in problems))
    for sub in ("6m", "with-mistakes"):
        shutil.rmtree(HERE / sub, ignore_errors=True)
    for path in samples.write_samples(plan, samples.seed_actions(HERE / "seed-actions.yaml"), HERE):
        print(path.relative_to(HERE.parent))


if __name__ == "__main__":
    main()
