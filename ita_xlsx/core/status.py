"""The five statuses a division reports, and the states the collector computes.

Statuses are what a clerk picks; states are what the merge concludes on the as-of date.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Label:
    code: str
    th: str
    en: str


STATUSES = (
    Label("not_started", "ยังไม่ดำเนินการ", "Not started"),
    Label("in_progress", "อยู่ระหว่างดำเนินการ", "In progress"),
    Label("done", "ดำเนินการแล้ว", "Done"),
    Label("ongoing", "ดำเนินการเป็นประจำ", "Ongoing (recurring practice)"),
    Label("not_applicable", "ไม่เกี่ยวข้อง", "Not applicable"),
)
MISSING = Label("missing", "ไม่ได้ส่งรายงาน", "Not reported")
STATUS_BY_CODE = {s.code: s for s in (*STATUSES, MISSING)}
STATUS_LABELS_TH = tuple(s.th for s in STATUSES)

STATES = (
    Label("done", "ดำเนินการแล้ว", "Done"),
    Label("done_late", "ดำเนินการแล้ว (ล่าช้า)", "Done late"),
    Label("ongoing", "ดำเนินการเป็นประจำ", "Ongoing"),
    Label("pending", "ยังไม่ถึงกำหนด", "Not yet due"),
    Label("due_soon", "ใกล้ถึงกำหนด", "Due soon"),
    Label("periods_missing", "ขาดรายงานบางงวด", "Periods not reported"),
    Label("overdue", "เกินกำหนด", "Overdue"),
    Label("missing", "ไม่ได้ส่งรายงาน", "Not reported"),
    Label("not_applicable", "ไม่เกี่ยวข้อง", "Not applicable"),
)
STATE_BY_CODE = {s.code: s for s in STATES}
