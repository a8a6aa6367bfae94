"""Write the sample returned workbooks from the real templates.

    python samples/make_samples.py

samples/6m/            the five divisions' returns of round 6m, FY2566, filled with what the
                       office's published report says (samples/seed-actions.yaml)
samples/with-mistakes/ the same office with the mistakes clerks make: a Thai-digit text date
                       (palad e10), a BE year typed as CE (palad e6), a misspelt status (palad e9),
                       an empty required date (palad O2), a renamed file (works), a locked text
                       edited after removing protection (education i2), the same file sent twice
                       (education), and one division that sent nothing (audit)

Both folders and the plan are also copied into the package (ita_xlsx/data/), which is what
`ita-xlsx demo` runs on from any install. Run this again whenever the template format changes;
tests/test_samples.py and tests/test_packaging.py check that all of it is in step.
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
    copy_into_package()


def copy_into_package() -> None:
    """The package's copies of the plan and the samples, made from the files at the top."""
    data = HERE.parent / "ita_xlsx" / "data"
    shutil.copyfile(HERE.parent / "workbook_templates" / "plan-2566.yaml", data / "plan-2566.yaml")
    for sub in ("6m", "with-mistakes"):
        shutil.rmtree(data / "samples" / sub, ignore_errors=True)
        shutil.copytree(HERE / sub, data / "samples" / sub)
    print(data.relative_to(HERE.parent), "(copies)")


if __name__ == "__main__":
    main()
