"""Counts over many offices: per area (nation, province, district), per ITA indicator, and the
distribution of % done. Everything here grows with the number of areas and indicators, never with
the number of offices."""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from ita_xlsx.rollup.model import NOT_RECEIVED, RECEIVED, REJECTED, IndicatorTally, OfficeResult

BINS = 10  # the % done histogram: 0–9.9 %, 10–19.9 %, …, 90–100 %
TOP_N = 10


@dataclass(slots=True)
class AreaTally:
    """Completeness, timeliness and progress of the offices of one area."""

    name: str = ""
    province: str = ""
    expected: int = 0
    received: int = 0
    rejected: int = 0
    not_received: int = 0
    on_time: int = 0
    unexpected: int = 0
    records: int = 0
    done: int = 0
    overdue: int = 0
    periods_missing: int = 0
    offices_overdue: int = 0

    def add(self, office: OfficeResult) -> None:
        if office.expected:
            self.expected += 1
            self.received += office.submission == RECEIVED
            self.rejected += office.submission == REJECTED
            self.not_received += office.submission == NOT_RECEIVED
            self.on_time += office.on_time is True
        else:
            self.unexpected += 1
        if office.submission == RECEIVED:
            self.records += office.applicable
            self.done += office.done
            self.overdue += office.overdue
            self.periods_missing += office.periods_missing
            self.offices_overdue += office.overdue > 0

    @property
    def reporting_rate(self) -> float:
        return round(100 * self.received / self.expected, 1) if self.expected else 0.0

    @property
    def on_time_rate(self) -> float:
        return round(100 * self.on_time / self.expected, 1) if self.expected else 0.0

    @property
    def done_pct(self) -> float:
        return round(100 * self.done / self.records, 1) if self.records else 0.0

    def to_dict(self) -> dict:
        return {
            "expected": self.expected,
            "received": self.received,
            "rejected": self.rejected,
            "not_received": self.not_received,
            "on_time": self.on_time,
            "unexpected": self.unexpected,
            "reporting_rate": self.reporting_rate,
            "on_time_rate": self.on_time_rate,
            "records": self.records,
            "done": self.done,
            "overdue": self.overdue,
            "periods_missing": self.periods_missing,
            "offices_with_overdue": self.offices_overdue,
            "done_pct": self.done_pct,
        }


@dataclass(slots=True)
class Tallies:
    """Everything the outputs count, made in one pass over the offices."""

    total: AreaTally = field(default_factory=AreaTally)
    provinces: dict[str, AreaTally] = field(default_factory=dict)
    districts: dict[tuple[str, str], AreaTally] = field(default_factory=dict)
    indicators: dict[tuple[str, int], IndicatorTally] = field(default_factory=dict)
    histogram: list[int] = field(default_factory=lambda: [0] * BINS)
    lowest: list[tuple] = field(default_factory=list)  # a heap of the TOP_N lowest % done
    highest: list[tuple] = field(default_factory=list)
    most_overdue: list[tuple] = field(default_factory=list)
    offices: int = 0

    def add(self, office: OfficeResult) -> None:
        self.offices += 1
        self.total.add(office)
        province = self.provinces.setdefault(office.province, AreaTally(office.province))
        province.add(office)
        key = (office.province, office.district)
        district = self.districts.setdefault(key, AreaTally(office.district, office.province))
        district.add(office)
        if office.submission != RECEIVED:
            return
        for tally in office.indicators:
            self._indicator(tally)
        pct = office.done_pct
        self.histogram[min(int(pct // (100 / BINS)), BINS - 1)] += 1
        brief = (office.code, office.name, office.district, office.province)
        _keep(self.lowest, (-pct, *brief))
        _keep(self.highest, (pct, *brief))
        _keep(self.most_overdue, (office.overdue, *brief))

    def _indicator(self, tally: IndicatorTally) -> None:
        key = (tally.section, tally.number)
        seen = self.indicators.get(key)
        if seen is None:
            self.indicators[key] = IndicatorTally(
                tally.section,
                tally.number,
                tally.name,
                tally.records,
                tally.done,
                tally.overdue,
                tally.offices,
            )
            return
        seen.name = seen.name or tally.name
        seen.records += tally.records
        seen.done += tally.done
        seen.overdue += tally.overdue
        seen.offices += tally.offices

    def ranked(self, which: str) -> list[tuple]:
        """``lowest``, ``highest`` or ``most_overdue``: (value, code, name, district, province), best first."""
        heap = getattr(self, which)
        if which == "lowest":
            return sorted(((-v, *rest) for v, *rest in heap), key=lambda t: (t[0], t[1]))
        return sorted(heap, key=lambda t: (-t[0], t[1]))

    def lowest_districts(self) -> list[tuple]:
        """The TOP_N districts with the least done, with results: (% done, "received/expected",
        "district province", "", "") in the columns of :meth:`ranked`'s offices."""
        with_results = [d for d in self.districts.values() if d.received + d.unexpected and d.records]
        with_results.sort(key=lambda d: (d.done_pct, d.province, d.name))
        return [
            (d.done_pct, f"{d.received}/{d.expected}", f"{d.name} {d.province}".strip(), "", "")
            for d in with_results[:TOP_N]
        ]

    def sorted_indicators(self) -> list[IndicatorTally]:
        return sorted(self.indicators.values(), key=lambda t: (t.number, t.section))


def _keep(heap: list[tuple], item: tuple) -> None:
    """Keep the TOP_N largest items of a heap (by their first value, then code)."""
    if len(heap) < TOP_N:
        heapq.heappush(heap, item)
    elif item[0] > heap[0][0]:
        heapq.heapreplace(heap, item)
