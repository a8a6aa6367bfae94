"""Messages of the office store: collect's history, the coordinator's decisions, history, export."""

MESSAGES = {
    # problem codes
    "submission-after-accept": (
        "ไฟล์นี้ส่งมาหลังจากแบบรายงานของหน่วยงานได้รับการยอมรับแล้ว (เมื่อ {accepted}) จึงยังไม่นำมาใช้ "
        "ยังคงใช้ไฟล์ที่ยอมรับไว้ ({file_accepted}) หากต้องการใช้ไฟล์ใหม่ ให้ผู้ประสานงานสั่ง ita-xlsx reopen",
        "This file came after the division's return was accepted (on {accepted}), so it is not used: "
        "the accepted file ({file_accepted}) still is. To use the new file, the coordinator runs ita-xlsx reopen.",
    ),
    # collect
    "store.hint": (
        "เคล็ดลับ: เพิ่ม --store ita-store.sqlite (หรือตั้ง ITA_STORE) เพื่อเก็บประวัติทุกรอบทุกปีไว้เปรียบเทียบ",
        "Tip: add --store ita-store.sqlite (or set ITA_STORE) to keep every round of every year for comparison.",
    ),
    "store.recorded": (
        "บันทึกการรวบรวมครั้งที่ {run} ลงในคลังข้อมูล {path}",
        "Recorded this collection as run {run} in the store {path}.",
    ),
    "store.feedback-outcome": (
        "{name}: ปัญหาที่ส่งกลับให้แก้ไข แก้แล้ว {fixed} รายการ ยังไม่แก้ {remaining} รายการ",
        "{name}: of the problems sent back, {fixed} fixed, {remaining} remain.",
    ),
    "store.feedback-remaining": ("  ยังไม่แก้: {message}", "  remains: {message}"),
    "store.feedback-recorded": (
        "บันทึกปัญหาที่ส่งกลับให้แก้ไข {count} รายการลงในคลังข้อมูล {path}",
        "Recorded the {count} problems sent back in the store {path}.",
    ),
    # faults: each ends the command with exit 2, the store unchanged
    "store.is-folder": (
        "คลังข้อมูล {path} เป็นโฟลเดอร์ ต้องเป็นไฟล์ เช่น ita-store.sqlite",
        "The store {path} is a folder; give a file such as ita-store.sqlite.",
    ),
    "store.not-found": (
        "ไม่พบคลังข้อมูล {path} (คลังข้อมูลสร้างขึ้นเมื่อสั่ง collect --store)",
        "The store {path} does not exist (collect --store makes it).",
    ),
    "store.damaged": (
        "คลังข้อมูล {path} เสียหายหรือไม่ใช่คลังข้อมูลของ ita-xlsx ({reason}) ไม่ได้เปลี่ยนแปลงอะไร กรุณาใช้ไฟล์สำรองล่าสุด",
        "The store {path} is damaged or not an ita-xlsx store ({reason}); nothing was changed. "
        "Use your latest backup.",
    ),
    "store.newer": (
        "คลังข้อมูล {path} เป็นรุ่น {version} ซึ่งใหม่กว่าที่โปรแกรมนี้รองรับ (รุ่น {supported}) "
        "กรุณาปรับปรุงโปรแกรม ita-xlsx ไม่ได้เปลี่ยนแปลงอะไร",
        "The store {path} is of version {version}, newer than this program supports ({supported}); "
        "upgrade ita-xlsx. Nothing was changed.",
    ),
    "store.read-only": (
        "เขียนคลังข้อมูล {path} ไม่ได้ (ไฟล์หรือโฟลเดอร์เป็นแบบอ่านอย่างเดียว) ไม่ได้เปลี่ยนแปลงอะไร",
        "The store {path} cannot be written (the file or its folder is read-only); nothing was changed.",
    ),
    "store.busy": (
        "คลังข้อมูล {path} กำลังถูกใช้งานโดยคำสั่งอื่นนานเกินไป กรุณารอให้เสร็จแล้วลองใหม่ ไม่ได้เปลี่ยนแปลงอะไร",
        "The store {path} is in use by another command for too long; wait for it and try again. "
        "Nothing was changed.",
    ),
    "store.write-failed": (
        "เขียนคลังข้อมูล {path} ไม่สำเร็จ ({reason}) ไม่ได้เปลี่ยนแปลงอะไร",
        "Could not write the store {path} ({reason}); nothing was changed.",
    ),
    "store.other-office": (
        "คลังข้อมูล {path} เป็นของ {found} ไม่ใช่ {expected} ไม่ได้เปลี่ยนแปลงอะไร",
        "The store {path} belongs to {found}, not {expected}; nothing was changed.",
    ),
    "store.other-plan": (
        "คลังข้อมูล {path} เก็บปีงบประมาณ {year} ของแผน '{found}' ไว้แล้ว ไม่ใช่แผน '{expected}' ไม่ได้เปลี่ยนแปลงอะไร",
        "The store {path} already holds fiscal year {year} of plan '{found}', not plan '{expected}'; "
        "nothing was changed.",
    ),
    # decisions
    "store.no-run": (
        "ยังไม่มีการรวบรวมรอบ '{round}' ในคลังข้อมูล",
        "The store holds no collection of round '{round}'.",
    ),
    "store.unknown-division": (
        "ไม่พบหน่วยงาน '{division}' ในการรวบรวมล่าสุดของรอบนี้",
        "Division '{division}' is not in this round's latest collection.",
    ),
    "store.nothing-to-accept": (
        "หน่วยงาน '{division}' ยังไม่มีแบบรายงานที่ใช้ได้ในรอบนี้ จึงยอมรับไม่ได้",
        "Division '{division}' has no usable return in this round to accept.",
    ),
    "store.not-accepted": (
        "แบบรายงานของหน่วยงาน '{division}' รอบ '{round}' ยังไม่ได้รับการยอมรับ จึงไม่มีอะไรให้เปิดใหม่",
        "The return of division '{division}' for round '{round}' is not accepted; there is nothing to reopen.",
    ),
    "store.accepted": (
        "ยอมรับแบบรายงานของ {division} รอบ {round}: {file}",
        "Accepted the return of {division} for round {round}: {file}",
    ),
    "store.reopened": (
        "เปิดรับแบบรายงานของ {division} รอบ {round} ใหม่ ไฟล์ที่ส่งมาภายหลังจะถูกนำมาใช้ในการรวบรวมครั้งต่อไป",
        "Reopened division {division} for round {round}: later files are used from the next collection on.",
    ),
    "store.nothing-stored": (
        "คลังข้อมูล {path} ยังไม่มีการรวบรวมใด ๆ",
        "The store {path} holds no collection yet.",
    ),
    "store.prefill-none": (
        "ไม่มีข้อมูลรอบก่อนในคลังข้อมูลสำหรับรอบ '{round}' ปีงบประมาณ {year} แบบรายงานจึงไม่ได้กรอกข้อมูลล่วงหน้า",
        "The store has no earlier round for round '{round}' of fiscal year {year}; the workbooks are not prefilled.",
    ),
    "store.prefill-from": (
        "กรอกข้อมูลล่วงหน้าจากรอบ '{round}' ปีงบประมาณ {year} ในคลังข้อมูล",
        "Prefilled from round '{round}' of fiscal year {year} in the store.",
    ),
}

# The history workbook (published in Thai; English for --lang en readers of the catalogue)
MESSAGES.update(
    {
        "history.title": ("ประวัติผลการดำเนินงานตามมาตรการ ITA", "History of the ITA measures"),
        "history.office": ("{office} · ข้อมูลจากการรวบรวม {runs} ครั้ง", "{office} · from {runs} collections"),
        "history.sheet.trend": ("แนวโน้ม", "Trend"),
        "history.sheet.divisions": ("รายหน่วยงาน", "Divisions"),
        "history.sheet.indicators": ("รายตัวชี้วัด", "Indicators"),
        "history.sheet.repeated": ("เกินกำหนดซ้ำ", "Overdue again"),
        "history.sheet.timeline": ("การส่งแบบรายงาน", "Returns"),
        "history.col.year": ("ปีงบประมาณ", "Fiscal year"),
        "history.col.round": ("รอบ", "Round"),
        "history.col.as-of": ("ข้อมูล ณ วันที่", "As of"),
        "history.col.measures": ("จำนวนรายการ", "Records"),
        "history.col.done": ("ดำเนินการแล้ว (%)", "Done (%)"),
        "history.col.overdue": ("เกินกำหนด", "Overdue"),
        "history.col.periods-missing": ("ขาดรายงานบางงวด", "Periods missing"),
        "history.col.not-received": ("หน่วยงานที่ไม่ได้ส่ง", "Divisions not received"),
        "history.col.received-flag": ("ส่งแบบรายงาน", "Returned"),
        "history.col.division": ("หน่วยงาน", "Division"),
        "history.col.indicator": ("ตัวชี้วัด", "Indicator"),
        "history.col.measure": ("มาตรการ", "Measure"),
        "history.col.streak": ("เกินกำหนดติดต่อกัน (รอบ)", "Overdue in a row (rounds)"),
        "history.col.rounds": ("รอบที่เกินกำหนด", "Rounds overdue"),
        "history.col.received": ("วันที่ได้รับ", "Received"),
        "history.col.timeliness": ("ตรงเวลา / ล่าช้า", "On time / late"),
        "history.col.version": ("ฉบับที่", "Version"),
        "history.col.used": ("ใช้ในการรวบรวมล่าสุด", "Used in the latest collection"),
        "history.col.accepted": ("ยอมรับเมื่อ", "Accepted on"),
        "history.col.file": ("ไฟล์", "File"),
        "history.yes": ("ใช่", "yes"),
        "history.no": ("ไม่ใช่", "no"),
        "history.received-yes": ("ส่งแล้ว", "returned"),
        "history.received-no": ("ไม่ได้ส่ง", "not returned"),
        "history.on-time": ("ตรงเวลา", "on time"),
        "history.late": ("ล่าช้า {days} วัน", "late by {days} days"),
        "history.no-deadline": ("-", "-"),
        "history.chart-title": (
            "ร้อยละที่ดำเนินการแล้ว และจำนวนที่เกินกำหนด แต่ละรอบ",
            "Done % and overdue, round by round",
        ),
        "history.chart-done": ("ดำเนินการแล้ว (%)", "Done (%)"),
        "history.chart-overdue": ("เกินกำหนด", "Overdue"),
        "history.none-repeated": (
            "ไม่มีมาตรการที่เกินกำหนดหรือขาดรายงานบางงวดในรอบที่ติดต่อกัน",
            "No measure was overdue or had periods not reported in consecutive rounds.",
        ),
        "history.round-label": ("{name} ปี {year}", "{name} FY{year}"),
    }
)

MESSAGES["template.prefill-both"] = (
    "ใช้ --prefill หรือ --prefill-store อย่างใดอย่างหนึ่ง",
    "Give --prefill or --prefill-store, not both.",
)
