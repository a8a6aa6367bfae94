"""Messages of ``rollup``: problems of offices' results, the expected list, and the roll-up workbook."""

MESSAGES = {
    # problems
    "results-edited": (
        "ไฟล์ผลของหน่วยงาน {office} ถูกแก้ไขหลังจาก ita-xlsx collect สร้าง (รหัสตรวจสอบเนื้อหาไม่ตรงกัน) "
        "ยังนำมารวมผล แต่ทำเครื่องหมายไว้ ขอไฟล์ที่ collect สร้างจากหน่วยงานอีกครั้งหากไม่แน่ใจ",
        "The results of office {office} were edited after ita-xlsx collect wrote them (the content digest "
        "does not match); they are still rolled up, marked. Ask the office for the file collect wrote if in doubt.",
    ),
    "rollup-malformed-json": (
        "อ่านไฟล์ JSON นี้ไม่ได้ ({reason}) ไฟล์อาจส่งมาไม่ครบหรือถูกแก้ไข ขอให้หน่วยงานส่งไฟล์ผลที่ collect สร้างมาใหม่",
        "This JSON file cannot be read ({reason}); it may be truncated or edited. Ask the office to send "
        "the results file collect wrote again.",
    ),
    "rollup-malformed-workbook": (
        "เปิดไฟล์สรุปนี้ไม่ได้ ({reason}) ขอให้หน่วยงานส่งไฟล์สรุปหรือไฟล์ JSON ที่ collect สร้างมาใหม่",
        "This consolidated workbook cannot be opened ({reason}); ask the office to send the workbook or "
        "the JSON collect wrote again.",
    ),
    "rollup-not-results": (
        "ไฟล์นี้ไม่ใช่ผลการรวบรวมของหน่วยงาน (ไฟล์ JSON หรือไฟล์สรุปที่ ita-xlsx collect สร้าง) จึงข้ามไป",
        "This is not an office's results (the JSON or consolidated workbook ita-xlsx collect writes): skipped.",
    ),
    "rollup-no-office-code": (
        "ผลของ {name} ไม่มีรหัสหน่วยงาน จึงนำมารวมไม่ได้ ขอให้หน่วยงานใส่ office.code ในแผน แล้วรัน collect ใหม่",
        "The results of {name} carry no office code, so they cannot be rolled up; ask the office to add "
        "office.code to its plan and run collect again.",
    ),
    "rollup-other-year": (
        "ผลของหน่วยงาน {office} เป็นของปีงบประมาณ {found} ไม่ใช่ปี {expected} ที่กำลังรวม จึงไม่นำมารวม",
        "The results of office {office} are of fiscal year {found}, not {expected} being rolled up: not used.",
    ),
    "rollup-other-round": (
        "ผลของหน่วยงาน {office} เป็นของรอบ '{found}' ไม่ใช่รอบ '{expected}' ที่กำลังรวม จึงไม่นำมารวม",
        "The results of office {office} are of round '{found}', not round '{expected}' being rolled up: not used.",
    ),
    "rollup-office-twice": (
        "มีผลของหน่วยงาน {office} มากกว่าหนึ่งไฟล์ ใช้ไฟล์ที่ใหม่กว่า ({newer}) แทนไฟล์นี้",
        "Office {office} sent more than one results file; the newer one ({newer}) was used instead of this one.",
    ),
    "rollup-same-results": (
        "ไฟล์นี้เป็นผลชุดเดียวกับ {other} (ไฟล์สรุปและไฟล์ JSON จากการรวบรวมครั้งเดียวกัน) นับครั้งเดียว ไม่ต้องดำเนินการใด ๆ",
        "This file holds the same results as {other} (the workbook and the JSON of one collection): counted once, "
        "nothing to do.",
    ),
    "rollup-office-not-expected": (
        "หน่วยงานรหัส {office} ({name}) ไม่อยู่ในรายชื่อหน่วยงานที่ต้องรายงาน ยังนำมารวมผล แต่ไม่นับในอัตราการรายงาน",
        "Office {office} ({name}) is not in the list of offices expected to report; it is rolled up but not "
        "counted in the reporting rate.",
    ),
    "rollup-office-name-mismatch": (
        "ผลนี้ใช้รหัส {office} แต่ชื่อหน่วยงานเป็น '{found}' ไม่ใช่ '{expected}' ตามรายชื่อ จึงไม่นำมารวม "
        "ตรวจรหัสหน่วยงานในแผนของหน่วยงานนั้น",
        "These results claim code {office} under the name '{found}', not '{expected}' as the list has it: "
        "not used. Check the office code in that office's plan.",
    ),
    "rollup-office-name-conflict": (
        "ผลนี้ใช้รหัส {office} ชื่อ '{found}' แต่อีกไฟล์ ({other}) ใช้รหัสเดียวกันชื่อ '{expected}' จึงไม่นำไฟล์นี้มารวม "
        "ตรวจรหัสหน่วยงานในแผน",
        "These results claim code {office} as '{found}', but {other} uses the same code as '{expected}': "
        "this file is not used. Check the office codes in the plans.",
    ),
    "rollup-expected-header": (
        "รายชื่อหน่วยงานไม่มีคอลัมน์ {columns} แถวแรกต้องเป็น {header}",
        "The list of offices lacks the column(s) {columns}; its first row must be {header}",
    ),
    "rollup-expected-unreadable": (
        "อ่านรายชื่อหน่วยงานไม่ได้ ({reason}) ใช้ไฟล์ CSV (UTF-8) หรือ .xlsx",
        "The list of offices cannot be read ({reason}); use a CSV file (UTF-8) or an .xlsx workbook.",
    ),
    "rollup-expected-bad-row": (
        "แถวนี้ของรายชื่อหน่วยงานไม่มีรหัสหรือชื่อหน่วยงาน จึงข้ามไป",
        "This row of the list of offices has no code or no name: skipped.",
    ),
    "rollup-expected-duplicate": (
        "รหัสหน่วยงาน {code} ซ้ำกับแถว {first} ใช้แถวแรก",
        "Office code {code} repeats line {first}; the first one is used.",
    ),
    "rollup-remind-no-address": (
        "หน่วยงาน {name} ({office}) ไม่มีอีเมลในรายชื่อหน่วยงาน (--expected) จึงไม่ได้เตือน",
        "Office {name} ({office}) has no e-mail address in the list of offices (--expected): not reminded.",
    ),
    # command line
    "rollup.out-not-xlsx": ("ไฟล์ผลลัพธ์ต้องเป็น .xlsx", "--out must name an .xlsx file"),
    "rollup.done": (
        "หน่วยงานที่ต้องรายงาน {expected} ได้รับ {received} ({rate}%) ตรงเวลา {on_time} ({on_time_rate}%) "
        "ไม่รับ {rejected} ยังไม่ได้รับ {not_received} · ดำเนินการแล้ว {done_pct}% เกินกำหนด {overdue} · "
        "ข้อผิดพลาด {errors} คำเตือน {warnings}",
        "Offices expected {expected}, received {received} ({rate}%), on time {on_time} ({on_time_rate}%), "
        "rejected {rejected}, not received {not_received} · done {done_pct}%, overdue {overdue} · "
        "errors {errors}, warnings {warnings}",
    ),
    # the workbook
    "rollup.book.title": (
        "สรุปผลการรายงานมาตรการ ITA ของหน่วยงานในพื้นที่",
        "ITA measures of the offices of an area",
    ),
    "rollup.book.period": ("ปีงบประมาณ {year} · {round}", "Fiscal year {year} · {round}"),
    "rollup.summary.title": (
        "สรุปผลการรายงานมาตรการ ITA ของหน่วยงานในพื้นที่",
        "ITA measures of the offices of an area",
    ),
    "rollup.summary.expected": ("หน่วยงานที่ต้องรายงาน", "Offices expected"),
    "rollup.summary.reporting-rate": ("อัตราการรายงาน", "Reporting rate"),
    "rollup.summary.on-time-rate": ("รายงานตรงเวลา", "Reported on time"),
    "rollup.summary.not-received": ("ยังไม่ได้รับ/ไม่รับ", "Not received or rejected"),
    "rollup.summary.done-pct": ("ดำเนินการแล้ว", "Done"),
    "rollup.summary.overdue": ("มาตรการเกินกำหนด", "Overdue measures"),
    "rollup.summary.line": (
        "ต้องรายงาน {expected} หน่วยงาน · ได้รับ {received} (ตรงเวลา {on_time}) · ไม่รับ {rejected} · "
        "ยังไม่ได้รับ {not_received} · นอกรายชื่อ {unexpected} · ข้อผิดพลาด {errors} คำเตือน {warnings}",
        "{expected} offices expected · received {received} ({on_time} on time) · rejected {rejected} · "
        "not received {not_received} · not on the list {unexpected} · errors {errors}, warnings {warnings}",
    ),
    "rollup.summary.chart-histogram": (
        "จำนวนหน่วยงานตามร้อยละมาตรการที่ดำเนินการแล้ว",
        "Offices by share of measures done",
    ),
    "rollup.summary.chart-histogram-x": ("ร้อยละที่ดำเนินการแล้ว", "Share done"),
    "rollup.summary.lowest-districts": (
        "๑๐ อำเภอที่ดำเนินการได้น้อยที่สุด",
        "The 10 districts with the least done",
    ),
    "rollup.summary.lowest": ("๑๐ หน่วยงานที่ดำเนินการได้น้อยที่สุด", "The 10 offices with the least done"),
    "rollup.summary.highest": ("๑๐ หน่วยงานที่ดำเนินการได้มากที่สุด", "The 10 offices with the most done"),
    "rollup.summary.most-overdue": (
        "๑๐ หน่วยงานที่มีมาตรการเกินกำหนดมากที่สุด",
        "The 10 offices with the most overdue",
    ),
    "rollup.summary.none": ("ไม่มี", "None"),
    "rollup.areas.title": ("ผลการรายงานรายจังหวัดและอำเภอ", "Reporting per province and district"),
    "rollup.areas.unknown": ("(ไม่ระบุ)", "(not given)"),
    "rollup.offices.title": ("ผลรายหน่วยงาน", "Per office"),
    "rollup.offices.edited": ("ไฟล์ผลถูกแก้ไขหลังสร้าง", "results edited by hand"),
    "rollup.offices.problems": (
        "ข้อผิดพลาด {errors} คำเตือน {warnings}",
        "{errors} errors, {warnings} warnings",
    ),
    "rollup.indicators.title": ("ผลรายตัวชี้วัด ITA รวมทุกหน่วยงาน", "Per ITA indicator, across offices"),
    "rollup.indicators.chart": ("ร้อยละที่ดำเนินการแล้วรายตัวชี้วัด", "Share done per indicator"),
    "rollup.missing.title": ("หน่วยงานที่ยังไม่ได้รายงาน", "Offices that did not report"),
    "rollup.missing.none": ("ได้รับผลจากทุกหน่วยงานแล้ว", "Every office has reported."),
    "rollup.problems.title": ("ปัญหาของไฟล์ผลรายหน่วยงาน", "Problems per office"),
    "rollup.problems.none": ("ไม่พบปัญหา", "No problems."),
    "rollup.submission.received": ("ได้รับแล้ว", "received"),
    "rollup.submission.rejected": ("ไม่รับ", "rejected"),
    "rollup.submission.not_received": ("ยังไม่ได้รับ", "not received"),
    "rollup.submission.unexpected": (" (นอกรายชื่อ)", " (not on the list)"),
    "rollup.on-time.yes": ("ตรงเวลา", "on time"),
    "rollup.on-time.no": ("ล่าช้า", "late"),
    "rollup.col.code": ("รหัส", "Code"),
    "rollup.col.name": ("หน่วยงาน", "Office"),
    "rollup.col.district": ("อำเภอ", "District"),
    "rollup.col.province": ("จังหวัด", "Province"),
    "rollup.col.email": ("อีเมล", "E-mail"),
    "rollup.col.area": ("จังหวัด / อำเภอ", "Province / district"),
    "rollup.col.expected": ("ต้องรายงาน", "Expected"),
    "rollup.col.received": ("ได้รับ", "Received"),
    "rollup.col.received-of": ("ได้รับ/ต้องรายงาน", "Received / expected"),
    "rollup.col.rejected": ("ไม่รับ", "Rejected"),
    "rollup.col.not-received": ("ยังไม่ได้รับ", "Not received"),
    "rollup.col.reporting-rate": ("อัตราการรายงาน", "Reporting rate"),
    "rollup.col.on-time": ("ตรงเวลา", "On time"),
    "rollup.col.on-time-rate": ("อัตราตรงเวลา", "On-time rate"),
    "rollup.col.done-pct": ("ร้อยละดำเนินการแล้ว", "% done"),
    "rollup.col.done-band": ("ร้อยละดำเนินการแล้ว", "% done"),
    "rollup.col.done": ("ดำเนินการแล้ว", "Done"),
    "rollup.col.overdue": ("เกินกำหนด", "Overdue"),
    "rollup.col.periods-missing": ("งวดที่ขาด", "Periods missing"),
    "rollup.col.offices-overdue": ("หน่วยงานที่มีเกินกำหนด", "Offices with overdue"),
    "rollup.col.offices": ("จำนวนหน่วยงาน", "Offices"),
    "rollup.col.submission": ("การส่ง", "Submission"),
    "rollup.col.timeliness": ("ตรงเวลา/ล่าช้า", "On time / late"),
    "rollup.col.records": ("รายการ", "Records"),
    "rollup.col.divisions-missing": ("หน่วยงานย่อยที่ไม่ได้ส่ง", "Divisions that sent nothing"),
    "rollup.col.reason": ("เหตุที่ไม่รับ", "Why rejected"),
    "rollup.col.problems": ("หมายเหตุ", "Notes"),
    "rollup.col.section": ("ด้าน", "Section"),
    "rollup.col.indicator": ("ตัวชี้วัด", "Indicator"),
}
