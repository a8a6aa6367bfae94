"""Reading offices' results: collect's JSON, a consolidated workbook, or a roll-up's own JSON.

Each reader turns one file into :class:`OfficeResult` values (one, or one per office of a roll-up)
and problems named at the file. The records of an office are counted as they are read and let
go: only the counts stay.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from ita_xlsx.collect.results_json import is_results, parse_json
from ita_xlsx.core import problems
from ita_xlsx.core.digest import digest_state
from ita_xlsx.core.jsonvalues import date_of, int_of, text_of
from ita_xlsx.core.problems import Problem
from ita_xlsx.intake.gather import Candidate
from ita_xlsx.read.layout import CONSOLIDATED_FORMAT
from ita_xlsx.rollup.model import DONE_STATES, IndicatorTally, OfficeResult

ROLLUP_FORMAT = "ita-xlsx-rollup/1"
DETAIL_SHEET = "รายละเอียด"  # the consolidated workbook's detail sheet (ita_xlsx.report.detail.SHEET)
_DETAIL_COLS = [1, 2, 5, 16, 17]  # section, "N indicator name", division name, division code, state
_DETAIL_FIRST_ROW = 4


@dataclass(slots=True)
class Read:
    """What one input file gave: offices, problems about it, and problems carried from a roll-up."""

    offices: list[OfficeResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    carried: list[dict] = field(default_factory=list)  # a lower roll-up's problems, as its JSON had them


def read_candidate(item: Candidate) -> Read:
    """The offices in one gathered file, or the problem that stopped it from being read."""
    if item.kind in ("xlsx", "xlsm"):
        return _read_consolidated(item)
    try:
        data = parse_json(item.data)
    except ValueError as exc:  # bad UTF-8, not JSON
        return Read(
            problems=[problems.error("rollup-malformed-json", file=item.source, reason=str(exc)[:120])]
        )
    if not isinstance(data, dict):
        return Read(
            problems=[problems.error("rollup-malformed-json", file=item.source, reason="not an object")]
        )
    if data.get("format") == ROLLUP_FORMAT:
        return _read_rollup(data, item)
    if is_results(data):
        return _read_results(data, item)
    return Read(problems=[problems.error("rollup-not-results", file=item.source)])


# -- collect's JSON ---------------------------------------------------------------------------------
def _read_results(data: Mapping, item: Candidate) -> Read:
    office = data.get("office")
    office = office if isinstance(office, dict) else {"name": text_of(office)}
    records = data.get("records") if isinstance(data.get("records"), list) else []
    given_summary = data.get("summary")
    summary = given_summary if isinstance(given_summary, dict) else {}
    names = {
        int(i["number"]): text_of(i.get("name"))
        for i in _dicts(data.get("indicators"))
        if int_of(i.get("number"))
    }
    tally = _RecordTally(names)
    for record in _dicts(records):
        tally.add(
            record.get("section"),
            record.get("indicator"),
            record.get("state"),
            record.get("division"),
            record.get("division_name"),
        )
    result = OfficeResult(
        code=as_code(office.get("code")),
        name=text_of(office.get("name")),
        district=text_of(office.get("district")),
        province=text_of(office.get("province")),
        website=text_of(office.get("website")),
        source=item.source,
        origin="results",
        plan_id=text_of(data.get("plan_id")),
        fiscal_year=int_of(data.get("fiscal_year")),
        round=text_of(data.get("round")),
        round_name=text_of(data.get("round_name")),
        as_of=_date(data.get("as_of")),
        deadline=_date(data.get("return_by")) or _date(data.get("round_end")),
        reported=_date(data.get("received")) or _date(data.get("as_of")),
        errors=int_of(summary.get("errors")) or 0,
        warnings=int_of(summary.get("warnings")) or 0,
        mtime=item.mtime or 0.0,
    )
    tally.fill(result)
    result.periods_missing = _periods_missing(summary, tally)
    result.divisions_missing = _divisions_missing(data, summary, tally) or result.divisions_missing
    found: list[Problem] = []
    if digest_state(data) == "edited":
        result.edited = True
        found.append(problems.warning("results-edited", file=item.source, office=result.code or result.name))
    return Read([result], found)


def _periods_missing(summary: Mapping, tally: _RecordTally) -> int:
    """The summary's count when the results have one, else the records in that state (else 0)."""
    count = int_of(summary.get("periods_missing"))
    return count if count is not None else tally.states["periods_missing"]


def _divisions_missing(data: Mapping, summary: Mapping, tally: _RecordTally) -> tuple[str, ...]:
    """Names of the divisions that sent nothing: the ``divisions`` list when the results have one,
    else ``summary.divisions_missing`` (codes, named from the records)."""
    listed = _dicts(data.get("divisions"))
    if listed:
        return tuple(
            text_of(d.get("name")) or text_of(d.get("code"))
            for d in listed
            if d.get("submission") not in (None, "received")
        )
    codes = summary.get("divisions_missing")
    return tuple(tally.division_names.get(str(c), str(c)) for c in codes) if isinstance(codes, list) else ()


class _RecordTally:
    """Counts of records by state and by indicator, made as records go by."""

    def __init__(self, names: dict[int, str]) -> None:
        self.names = names
        self.states: Counter[str] = Counter()
        self.indicators: dict[tuple[str, int], IndicatorTally] = {}
        self.division_names: dict[str, str] = {}
        self.division_states: dict[str, set[str]] = {}

    def add(self, section: object, indicator: object, state: object, division: object, name: object) -> None:
        state = text_of(state)
        self.states[state] += 1
        if division:
            code = text_of(division)
            if code not in self.division_names:
                self.division_names[code] = text_of(name) or code
            self.division_states.setdefault(code, set()).add(state)
        number = int_of(indicator)
        if number is None or state == "not_applicable":
            return
        key = (text_of(section), number)
        tally = self.indicators.get(key)
        if tally is None:
            tally = self.indicators[key] = IndicatorTally(key[0], number, self.names.get(number, ""))
        tally.records += 1
        tally.done += state in DONE_STATES
        tally.overdue += state == "overdue"

    def fill(self, result: OfficeResult) -> None:
        states = self.states
        result.records = sum(states.values())
        result.applicable = result.records - states["not_applicable"]
        result.done = sum(states[s] for s in DONE_STATES)
        result.overdue = states["overdue"]
        result.missing = states["missing"]
        result.indicators = tuple(sorted(self.indicators.values(), key=lambda t: t.number))
        result.divisions_missing = tuple(
            self.division_names[code]
            for code, seen in self.division_states.items()
            if "missing" in seen and seen <= {"missing", "not_applicable"}
        )


# -- the consolidated workbook ----------------------------------------------------------------------
def _read_consolidated(item: Candidate) -> Read:
    from ita_xlsx.intake.safezip import PackageError, SafePackage
    from ita_xlsx.read.xlsxread import open_workbook

    try:
        wb = open_workbook(SafePackage.open(item.data))
    except (PackageError, ValueError, KeyError) as exc:
        return Read(
            problems=[problems.error("rollup-malformed-workbook", file=item.source, reason=str(exc)[:120])]
        )
    props = wb.properties
    sheet = wb.sheet(DETAIL_SHEET)
    if props.get("ita_format") != CONSOLIDATED_FORMAT or sheet is None:
        return Read(problems=[problems.error("rollup-not-results", file=item.source)])
    tally = _RecordTally({})
    rows, _ = wb.read_rows(sheet, _DETAIL_COLS, _DETAIL_FIRST_ROW, 10**7)
    for cells in rows.values():
        section, label, name, division, state = (text_of(c.value) if c else "" for c in cells)
        number, _, indicator_name = label.partition(" ")
        if int_of(number) is not None:
            tally.names.setdefault(int(number), indicator_name)
        tally.add(section, number, state, division, name)
    result = OfficeResult(
        code=as_code(props.get("ita_office_code")),
        name=text_of(props.get("ita_office_name")),
        district=text_of(props.get("ita_office_district")),
        province=text_of(props.get("ita_office_province")),
        website=text_of(props.get("ita_office_website")),
        source=item.source,
        origin="consolidated",
        plan_id=text_of(props.get("ita_plan_id")),
        fiscal_year=int_of(text_of(props.get("ita_fiscal_year")).split(".")[0]),
        round=text_of(props.get("ita_round")),
        round_name=text_of(props.get("ita_round")),
        as_of=_date(props.get("ita_as_of")),
        deadline=_date(props.get("ita_return_by")),
        reported=_date(props.get("ita_as_of")),
        mtime=item.mtime or 0.0,
    )
    tally.fill(result)
    return Read([result])


# -- a roll-up's own JSON ---------------------------------------------------------------------------
def _read_rollup(data: Mapping, item: Candidate) -> Read:
    read = Read(carried=list(_dicts(data.get("problems"))))
    for entry in _dicts(data.get("offices")):
        read.offices.append(office_from_dict(entry, item))
    if digest_state(data) == "edited":
        read.problems.append(problems.warning("results-edited", file=item.source, office="-"))
        for office in read.offices:
            office.edited = True
    return read


def office_from_dict(d: Mapping, item: Candidate) -> OfficeResult:
    """An office of a roll-up's JSON, as the roll-up wrote it (see :mod:`ita_xlsx.rollup.json_out`)."""
    return OfficeResult(
        code=as_code(d.get("code")),
        name=text_of(d.get("name")),
        district=text_of(d.get("district")),
        province=text_of(d.get("province")),
        website=text_of(d.get("website")),
        email=text_of(d.get("email")),
        source=f"{item.source} › {text_of(d.get('source'))}" if d.get("source") else "",
        origin="rollup",
        plan_id=text_of(d.get("plan_id")),
        fiscal_year=int_of(d.get("fiscal_year")),
        round=text_of(d.get("round")),
        round_name=text_of(d.get("round_name")),
        as_of=_date(d.get("as_of")),
        deadline=_date(d.get("deadline")),
        reported=_date(d.get("reported")),
        records=int_of(d.get("records")) or 0,
        applicable=int_of(d.get("applicable")) or 0,
        done=int_of(d.get("done")) or 0,
        overdue=int_of(d.get("overdue")) or 0,
        missing=int_of(d.get("missing")) or 0,
        periods_missing=int_of(d.get("periods_missing")) or 0,
        divisions_missing=tuple(text_of(x) for x in d.get("divisions_missing") or () if x),
        errors=int_of(d.get("errors")) or 0,
        warnings=int_of(d.get("warnings")) or 0,
        indicators=tuple(
            IndicatorTally(
                text_of(i.get("section")),
                int_of(i.get("number")) or 0,
                text_of(i.get("name")),
                int_of(i.get("records")) or 0,
                int_of(i.get("done")) or 0,
                int_of(i.get("overdue")) or 0,
            )
            for i in _dicts(d.get("indicators"))
        ),
        edited=bool(d.get("edited")),
        expected=d.get("expected") is not False,
        reason=text_of(d.get("reason")),
        mtime=item.mtime or 0.0,
        submission=text_of(d.get("submission")) or "received",
        on_time=d.get("on_time") if isinstance(d.get("on_time"), bool) else None,
    )


# -- small helpers ----------------------------------------------------------------------------------
def _dicts(value: object) -> Iterator[dict]:
    return (v for v in value if isinstance(v, dict)) if isinstance(value, list) else iter(())


def as_code(value: object) -> str:
    """An office code as text, Thai digits made Arabic (a number typed in a sheet loses no zero here)."""
    from ita_xlsx.core.thaidates import to_arabic_digits

    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return to_arabic_digits(text_of(value))


def _date(value: object) -> str | None:
    """An ISO date (yyyy-mm-dd) as text, or None."""
    found = date_of(value)
    return found.isoformat() if found else None
