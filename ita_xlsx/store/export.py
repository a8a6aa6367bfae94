"""The store's tables as CSV files, UTF-8 with a BOM so that Excel shows Thai correctly."""

from __future__ import annotations

from pathlib import Path

from ita_xlsx.core.atomic import atomic_path


def export_csv(path: str | Path, out_dir: str | Path) -> list[Path]:
    """Write records.csv, submissions.csv, problems.csv and runs.csv into ``out_dir``."""
    from ita_xlsx.store.frames import tables

    out_dir = Path(out_dir)
    written = []
    for name, frame in tables(path).items():
        target = out_dir / f"{name}.csv"
        with atomic_path(target) as tmp:
            frame.to_csv(tmp, index=False, encoding="utf-8-sig")
        written.append(target)
    return written
