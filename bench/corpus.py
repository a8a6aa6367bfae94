"""The benchmark's corpus: a plan of many units and one filled returned workbook per unit.

The plan is the bundled FY2566 plan (workbook_templates/plan-2566.yaml) spread over N units
``u0001 … uNNNN``, each run like one of the plan's five divisions: one unit in ten like
หน่วยตรวจสอบภายใน (2 measures), the others in turn like สำนักปลัด (a third of them, 18 measures),
กองคลัง (16), กองช่าง (10) or กองการศึกษาฯ (10): about 13 measures a unit, and for the monthly ones
an activity log of up to 72 rows. Each workbook is the real template (``build_template``)
prefilled from the office's seed report (samples/seed-actions.yaml), Thai text and dates as the
office wrote them, each unit's dates moved by a few days and its name added to its results.

A few files carry what clerks really do (about 1 in 40 of each kind, all through openpyxl, as a
re-saved file would): a Thai-digit text date, a BE year typed as CE, a misspelt status, an
empty required date, a locked text edited after removing protection. Among the N files there are
also an older version of a few units (superseded, with values that differ), a copy of a file sent
twice, an Office lock file and a PDF; about 1 unit in 50 sent nothing.

The other kind, many versions per division (``versions`` > 1): every unit that sent sends
``versions`` files, or one fewer (every other unit), each an earlier version of the last with
other values (its dates moved otherwise, other links and notes, some measures still ongoing) and
an identity a week older for each step back; the clerks' mistakes are in the last version only.
Beside them the same copy sent twice, lock file and PDF, and 1 unit in 50 that sent nothing.

The corpus is written once into ``bench/out/corpus-<template format>-v<generator>-<N>/`` (with
``-versions<V>`` for the second kind) and reused: a ``manifest.json`` written last says it is
complete.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import random
import re
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ita_xlsx import samples
from ita_xlsx.core import thaidates
from ita_xlsx.plan import Division, Plan, load_plan, save_plan
from ita_xlsx.read import layout

ROOT = Path(__file__).resolve().parent.parent
PLAN_FILE = ROOT / "workbook_templates" / "plan-2566.yaml"
SEED_FILE = ROOT / "samples" / "seed-actions.yaml"
CORPUS_VERSION = 1  # bump when the generator changes what it writes
ROUND = samples.ROUND
AS_OF = dt.date(2023, 3, 31)  # the end of round 6m
# Which of the five sample divisions each unit runs like: 4 in 10 palad, 2 each finance/works/education...
_KIND_CYCLE = ("palad", "finance", "palad", "works", "education", "palad", "finance", "works", "education")
_EXTRAS = 3  # besides the units' files and older versions: a copy sent twice, a lock file, a PDF


@dataclasses.dataclass(frozen=True)
class Corpus:
    folder: Path  # the returned files, and nothing else
    plan_file: Path
    files: int
    units: int
    versions: int = 1  # files a unit sends (at most): 1 is one file per unit and a few older versions

    @property
    def root(self) -> Path:
        return self.folder.parent


def corpus(files: int, out: Path, *, jobs: int = 0, log=print, versions: int = 1) -> Corpus:
    """The corpus of ``files`` returned files, generated into ``out`` unless it is already there;
    with ``versions`` > 1, the kind where every unit sends that many versions (or one fewer)."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", layout.TEMPLATE_FORMAT).strip("-")
    root = out / (
        f"corpus-{slug}-v{CORPUS_VERSION}-{files}" + (f"-versions{versions}" if versions > 1 else "")
    )
    manifest = root / "manifest.json"
    if manifest.is_file():
        meta = json.loads(manifest.read_text(encoding="utf-8"))
        return Corpus(root / "returned", root / "plan.yaml", meta["files"], meta["units"], versions)
    shutil.rmtree(root, ignore_errors=True)
    (root / "returned").mkdir(parents=True)
    units = _units_for(files, versions)
    plan = unit_plan(units)
    save_plan(plan, root / "plan.yaml")
    log(f"generating {files} returned workbooks for {units} units in {root} (once; cached)")
    started = dt.datetime.now()
    written = _write_units(plan, root / "returned", _unit_files(plan, versions, files - _EXTRAS), jobs, log)
    written += _extra_files(plan, root / "returned", files - written)
    seconds = (dt.datetime.now() - started).total_seconds()
    meta = {"files": written, "units": units, "template_format": layout.TEMPLATE_FORMAT}
    meta.update({"versions": versions, "seconds": round(seconds)} if versions > 1 else {})
    manifest.write_text(json.dumps(meta), encoding="utf-8")
    log(f"  generated in {seconds:.0f} s")
    return Corpus(root / "returned", root / "plan.yaml", written, units, versions)


def first_files(whole: Corpus, files: int, folder: Path) -> Corpus:
    """The first ``files`` returned files of ``whole`` (by name, hard links into ``folder``), with
    its plan: a round in which most units have not sent yet, or the same plan with fewer files."""
    folder.mkdir(parents=True)
    for source in sorted(whole.folder.iterdir())[:files]:
        try:
            os.link(source, folder / source.name)
        except OSError:  # another file system, or no hard links there
            shutil.copyfile(source, folder / source.name)
    return Corpus(folder, whole.plan_file, min(files, whole.files), whole.units, whole.versions)


def _units_for(files: int, versions: int = 1) -> int:
    """Units in the plan: one file each (or their versions) but for the extra files, and 1 in 50
    that sent nothing."""
    if versions > 1:
        sending = max(2, files - _EXTRAS)
        units = 0
        while sending > 0:
            sending -= 0 if _silent(units) else _versions_of(units, versions)
            units += 1
        return units
    sending = max(2, files - _EXTRAS - _older_count(files))
    units = 0
    while sending:
        sending -= not _silent(units)
        units += 1
    return units


def _versions_of(index: int, versions: int) -> int:
    """Files the unit at ``index`` sends: ``versions``, or one fewer every other unit."""
    return max(1, versions - index % 2)


def _older_count(files: int) -> int:
    return max(1, files // 500)


def _silent(index: int) -> bool:
    """About one unit in 50 sent nothing."""
    return index % 50 == 49


# -- the plan -----------------------------------------------------------------------------------
def unit_plan(units: int, base: Plan | None = None) -> Plan:
    """The bundled plan spread over ``units`` units u0001…, each of one of the five kinds."""
    base = base or _base_plan()
    by_kind: dict[str, list[str]] = {}
    divisions = []
    for i in range(1, units + 1):
        kind = "audit" if i % 10 == 0 else _KIND_CYCLE[i % len(_KIND_CYCLE)]
        model = base.division(kind)
        code = f"u{i:04d}"
        by_kind.setdefault(kind, []).append(code)
        divisions.append(
            Division(
                code,
                f"{model.name} หน่วยที่ {thaidates.to_thai_digits(i)}",
                full_name=f"{model.full_name} หน่วยที่ {i}",
                name_en=f"{model.name_en}, unit {i}",
                emails=(f"{code}@example.go.th",),
            )
        )
    kinds = [d.code for d in base.divisions]
    measures = tuple(
        dataclasses.replace(
            m, divisions=tuple(c for k in (kinds if m.for_all else m.divisions) for c in by_kind.get(k, ()))
        )
        for m in base.measures
    )
    measures = tuple(m for m in measures if m.divisions)
    office = dataclasses.replace(base.office, coordinator=by_kind["palad"][0])
    return dataclasses.replace(
        base, plan_id=f"bench-{units}", office=office, divisions=tuple(divisions), measures=measures
    )


def _base_plan() -> Plan:
    plan, found = load_plan(PLAN_FILE)
    if plan is None:
        raise SystemExit("\n".join(p.message_en for p in found))
    return plan


# -- the units' workbooks -----------------------------------------------------------------------
def _unit_files(plan: Plan, versions: int, room: int) -> list[tuple[str, int, int]]:
    """(unit, version, versions it sends) of each file the units send, 0 the last version; with
    ``versions`` > 1 at most ``room`` of them (a unit's last version first)."""
    sending = [(i, d.code) for i, d in enumerate(plan.divisions) if not _silent(i)]
    if versions == 1:
        return [(code, 0, 1) for _, code in sending]
    found = [
        (code, k, _versions_of(i, versions)) for i, code in sending for k in range(_versions_of(i, versions))
    ]
    return found[:room]


def _write_units(plan: Plan, folder: Path, files: list[tuple[str, int, int]], jobs: int, log) -> int:
    codes = files
    chunks = [codes[i : i + 50] for i in range(0, len(codes), 50)]
    workers = jobs or os.cpu_count() or 1
    done = 0
    if workers == 1:
        for chunk in chunks:
            done += _write_chunk(plan, folder, chunk)
        return done
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(plan,)) as pool:
        for count in pool.map(_write_chunk_in_worker, [(folder, c) for c in chunks]):
            done += count
            if done % 500 < 50:
                log(f"  {done}/{len(codes)}")
    return done


_WORKER_PLAN: Plan | None = None


def _init_worker(plan: Plan) -> None:
    global _WORKER_PLAN
    _WORKER_PLAN = plan


def _write_chunk_in_worker(args: tuple[Path, list[tuple[str, int, int]]]) -> int:
    folder, files = args
    assert _WORKER_PLAN is not None
    return _write_chunk(_WORKER_PLAN, folder, files)


def _write_chunk(plan: Plan, folder: Path, files: list[tuple[str, int, int]]) -> int:
    actions = samples.seed_actions(SEED_FILE)
    rnd = plan.round(ROUND)
    for code, version, versions in files:
        data = unit_workbook(plan, code, actions, older=version)
        name = layout.file_name(plan, rnd, code)
        if version:  # the n-th sent of its versions, named as a clerk would
            name = f"{Path(name).stem} (ฉบับที่ {versions - version}).xlsx"
        (folder / name).write_bytes(data)
    return len(files)


def unit_workbook(plan: Plan, code: str, actions: dict[str, str], *, older: int = 0) -> bytes:
    """One unit's returned workbook: the template prefilled, dates moved, maybe a clerk's mistake;
    ``older`` versions back from its last (other values, an identity a week older for each)."""
    from ita_xlsx.template.writer import build_template

    number = int(code[1:])
    rng = random.Random(number * 2 + older if older <= 1 else f"{number}-{older}")
    records = [_vary(r, rng, plan, code) for r in _seed_records(plan, code, actions)]
    generated = samples.GENERATED + dt.timedelta(minutes=number % 600) - dt.timedelta(days=7 * older)
    data = build_template(plan, ROUND, code, password=samples.PASSWORD, generated=generated, prefill=records)
    mistake = _MISTAKES[number % 40] if number % 40 < len(_MISTAKES) and not older else None
    if not mistake:
        return data
    edits, unprotect = mistake(records, rng)
    return samples.edit_cells(data, edits, unprotect=unprotect)


def _seed_records(plan: Plan, code: str, actions: dict[str, str]) -> list[dict]:
    rnd = plan.round(ROUND)
    return [
        samples._record(m.id, code, actions.get(m.id, ""), rnd)  # noqa: SLF001 - same records as the samples
        for m in plan.measures_for(code)
    ]


def _vary(record: dict, rng: random.Random, plan: Plan, code: str) -> dict:
    """The unit's own dates (a few days either way), its name in the text, sometimes a link or a note."""
    record = dict(record)
    if record.get("action_date") and record["status"] == "done":
        moved = dt.date.fromisoformat(record["action_date"]) + dt.timedelta(days=rng.randint(-3, 3))
        record["action_date"] = moved.isoformat()
    if record["result"]:
        record["result"] = f"{record['result']} ({plan.division(code).name})"
    roll = rng.random()
    if roll < 0.15:
        record["evidence"] = f" https://www.example.go.th/ita/2566/{code}/{record['measure_id']}.pdf\u200b"
    elif roll < 0.25:
        record["note"] = "รายงานผลผ่านระบบ e-plan แล้ว รอผู้บริหารลงนาม"
    elif roll < 0.30:
        record["status"] = "in_progress"
        record["action_date"] = None
    return record


def _dated(records: list[dict]) -> str:
    """A measure reported done with a date (every kind of unit has one)."""
    return next((r["measure_id"] for r in records if r.get("action_date")), records[0]["measure_id"])


def _mistake_date_text(records: list[dict], rng: random.Random) -> tuple:
    day = thaidates.to_thai_digits(rng.randint(1, 28))
    return [(layout.NAME_ACTION_DATE, _dated(records), f"{day} ธ.ค. ๒๕๖๕")], False


def _mistake_be_as_ce(records: list[dict], rng: random.Random) -> tuple:
    return [(layout.NAME_ACTION_DATE, _dated(records), dt.datetime(2565, 11, rng.randint(1, 28)))], False


def _mistake_misspelt(records: list[dict], rng: random.Random) -> tuple:
    return [(layout.NAME_STATUS, _dated(records), "ดำเนนการแล้ว")], False


def _mistake_empty_date(records: list[dict], rng: random.Random) -> tuple:
    return [(layout.NAME_ACTION_DATE, _dated(records), None)], False


def _mistake_locked(records: list[dict], rng: random.Random) -> tuple:
    return [(layout.NAME_QUESTION, records[0]["measure_id"], "ข้อความที่แก้ไขเอง")], True


_MISTAKES = (_mistake_date_text, _mistake_be_as_ce, _mistake_misspelt, _mistake_empty_date, _mistake_locked)


# -- the other files a folder of returns holds ----------------------------------------------------
def _extra_files(plan: Plan, folder: Path, room: int) -> int:
    """Older versions of a few units, a copy sent twice, a lock file and a PDF: ``room`` files."""
    actions = samples.seed_actions(SEED_FILE)
    sent = sorted(folder.iterdir())
    codes = [d.code for i, d in enumerate(plan.divisions) if not _silent(i)]
    older = max(0, room - _EXTRAS)
    step = max(1, len(codes) // max(older, 1))
    extras: list[tuple[str, bytes]] = [
        (f"ฉบับเก่า_{code}.xlsx", unit_workbook(plan, code, actions, older=1)) for code in codes[::step][:older]
    ]
    extras.append(("สำเนา " + sent[0].name, sent[0].read_bytes()))
    extras.append(("~$" + sent[1].name, b"\x00" * 165))
    extras.append(("หนังสือนำส่ง.pdf", b"%PDF-1.4\n% a cover letter\n%%EOF\n"))
    for name, data in extras[:room]:
        (folder / name).write_bytes(data)
    return min(len(extras), room)
