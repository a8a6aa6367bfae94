"""Messages of the consolidated workbook (OUT.xlsx) and of its PDF export.

The workbook itself is always written in Thai (it is published); the English texts serve the
command line and the logs.
"""

MESSAGES = {
    # --- misuse and problems -----------------------------------------------------------------
    "report.protected-path": (
        "จะไม่เขียนผลลัพธ์ทับไฟล์ต้นทาง {path} เลือกชื่อไฟล์ผลลัพธ์อื่น",
        "Refusing to write the output over the input file {path}: choose another output name",
    ),
    "report.plan-mismatch": (
        "ผลการรวบรวมนี้มาจากแผน {results_plan} ไม่ใช่แผน {plan} ที่ให้มา ใช้ไฟล์แผนเดียวกับที่ใช้รวบรวม",
        "These results come from plan {results_plan}, not from the given plan {plan}: "
        "use the plan the collection used",
    ),
    "report.not-results": (
        "ข้อมูลนี้ไม่ใช่ผลการรวบรวม ITA (format = {format})",
        "This is not an ITA collection result (format = {format})",
    ),
    "report.truncated": (
        " … [ข้อความยาวเกิน {limit} ตัวอักษร ตัดส่วนที่เหลือออก ดูฉบับเต็มในไฟล์ต้นทาง]",
        " … [text longer than {limit} characters cut here; see the source file for all of it]",
    ),
    "pdf-no-libreoffice": (
        "ไม่พบโปรแกรม LibreOffice จึงสร้างไฟล์ PDF ของรายงานไม่ได้ (ไฟล์ Excel ยังใช้ได้ตามปกติ) "
        "ติดตั้ง LibreOffice จาก https://th.libreoffice.org หรือบน Linux ใช้คำสั่ง "
        "sudo apt-get install libreoffice-calc แล้วสั่งงานอีกครั้ง",
        "LibreOffice was not found, so the report could not be written as PDF (the Excel file is "
        "fine). Install LibreOffice from https://www.libreoffice.org (on Debian/Ubuntu: "
        "sudo apt-get install libreoffice-calc) and run the command again",
    ),
    "pdf-failed": (
        "สร้างไฟล์ PDF ของรายงานไม่สำเร็จ ({reason}) ไฟล์ Excel ยังใช้ได้ตามปกติ "
        "เปิดไฟล์ Excel แล้วสั่งพิมพ์ชีต 'รายงาน' เป็น PDF เองได้",
        "Could not write the report as PDF ({reason}); the Excel file is fine: open it and print "
        "the 'รายงาน' sheet to PDF yourself",
    ),
    "pdf-stale": (
        "ไฟล์ PDF นี้มาจากการรวบรวมครั้งก่อน ครั้งนี้ไม่ได้สร้างใหม่ จึงไม่ตรงกับไฟล์ Excel ลบทิ้ง หรือสั่งงานอีกครั้งพร้อม --pdf",
        "This PDF is from an earlier collection and was not written again this time, so it does "
        "not match the Excel file: delete it, or run the command again with --pdf",
    ),
    # --- shared texts ------------------------------------------------------------------------
    "report.as-of": ("ข้อมูล ณ วันที่ {date}", "Data as of {date}"),
    "report.period": (
        "ประจำปีงบประมาณ พ.ศ. {year} {round} (เดือน{start} - {end})",
        "Fiscal year {year}, {round} ({start} - {end})",
    ),
    "report.period-short": ("ประจำปีงบประมาณ พ.ศ. {year} {round}", "Fiscal year {year}, {round}"),
    "report.total": ("รวม", "Total"),
    "report.percent-done": ("ร้อยละที่ดำเนินการแล้ว", "% done"),
    "report.records": ("รายการ", "Items"),
    "report.none": ("ไม่มี", "None"),
    # --- สรุป (summary) ------------------------------------------------------------------------
    "report.summary.office-code": ("รหัสหน่วยงาน {code}", "office code {code}"),
    "report.summary.title": (
        "สรุปผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
        "Summary of the measures to promote integrity and transparency",
    ),
    "report.summary.records": ("รายการ (มาตรการ × หน่วยงาน)", "Items (measure × division)"),
    "report.summary.percent": ("ดำเนินการแล้ว\n(ร้อยละของรายการ)", "Done\n(% of items)"),
    "report.summary.periods-missing": ("ขาดรายงานบางงวด\n(รายการ)", "Periods not reported\n(items)"),
    "report.summary.overdue": ("เกินกำหนด (รายการ)", "Overdue (items)"),
    "report.summary.missing": ("ไม่ได้ส่งรายงาน (รายการ)", "Not reported (items)"),
    "report.summary.due-soon": ("ใกล้ถึงกำหนด (รายการ)", "Due soon (items)"),
    "report.summary.not-sent": ("ยังไม่ได้รับ\n(หน่วยงาน)", "Not received\n(divisions)"),
    "report.summary.rejected": ("ส่งแล้วแต่ใช้ไม่ได้\n(หน่วยงาน)", "Sent, not usable\n(divisions)"),
    "report.summary.counted": (
        "นับเป็นรายการ: มาตรการ {measures} มาตรการ × หน่วยงานที่รับผิดชอบ = {records} รายการ "
        "(หน่วยงาน {divisions} หน่วยงาน)",
        "Counted in items: {measures} measures × their responsible divisions = {records} items "
        "({divisions} divisions)",
    ),
    "report.summary.not-sent-list": (
        "ยังไม่ได้รับแบบรายงานจาก: {names}",
        "Not received from: {names}",
    ),
    "report.summary.rejected-line": (
        "ส่งแล้วแต่ใช้ไม่ได้: {name}: {reason}",
        "Sent, not usable: {name}: {reason}",
    ),
    "report.summary.nothing-accepted": (
        "ไม่มีไฟล์ใดใช้ได้เลย (ได้รับ {count} รายการ) ตัวเลขด้านล่างจึงเป็น \"ไม่ได้ส่งรายงาน\" ทั้งหมด ดูสาเหตุในชีต 'ปัญหาข้อมูล'",
        'No file could be used ({count} inputs), so every figure below is "not reported"; see why in '
        "the data problems sheet",
    ),
    "report.summary.all-sent": ("ทุกหน่วยงานส่งรายงานแล้ว", "Every division has sent its report"),
    "report.summary.files": (
        "ไฟล์ที่รับ {accepted} ไฟล์ · ไฟล์ที่ไม่ผ่านการตรวจ {rejected} ไฟล์ · "
        "ข้อผิดพลาด {errors} รายการ · คำเตือน {warnings} รายการ (ดูชีต 'ปัญหาข้อมูล')",
        "{accepted} file(s) accepted · {rejected} rejected · {errors} error(s) · "
        "{warnings} warning(s) (see the data problems sheet)",
    ),
    "report.summary.by-division": ("ผลการดำเนินการรายหน่วยงาน", "By division"),
    "report.summary.by-section": ("ผลการดำเนินการรายด้านและตัวชี้วัด", "By section and indicator"),
    "report.summary.division": ("หน่วยงาน", "Division"),
    "report.summary.section": ("ด้าน / ตัวชี้วัด", "Section / indicator"),
    "report.summary.indicator": ("ตัวชี้วัดที่ {number} {name}", "Indicator {number} {name}"),
    "report.summary.received": ("ส่งรายงาน", "Sent"),
    "report.summary.received-yes": ("ส่งแล้ว", "Sent"),
    "report.summary.received-no": ("ยังไม่ได้รับ", "Not received"),
    "report.summary.received-rejected": ("ใช้ไม่ได้", "Not usable"),
    "report.summary.chart-title": ("สถานะการดำเนินการรายหน่วยงาน", "States per division"),
    "report.summary.chart-axis": ("จำนวนรายการ", "Items"),
    # --- รายละเอียด (detail) -------------------------------------------------------------------
    "report.detail.title": (
        "รายละเอียดผลการดำเนินการรายมาตรการและหน่วยงาน · ข้อมูล ณ วันที่ {date} (สีของแถวแสดงสถานะ ณ วันที่นี้)",
        "Every measure and division · data as of {date} (row colours show the state on that date)",
    ),
    "report.detail.legend": ("คำอธิบายสี:", "Colours:"),
    "report.col.section": ("ด้าน", "Section"),
    "report.col.indicator": ("ตัวชี้วัด", "Indicator"),
    "report.col.items": ("ข้อ", "Item"),
    "report.col.question": ("ประเด็นการประเมิน", "Question"),
    "report.col.division": ("หน่วยงาน", "Division"),
    "report.col.status": ("สถานะที่หน่วยงานรายงาน", "Reported status"),
    "report.col.action-date": ("วันที่ดำเนินการ", "Action date"),
    "report.col.due-date": ("กำหนดเวลา", "Due date"),
    "report.col.state": ("สถานะ ณ วันที่ข้อมูล", "State on the as-of date"),
    "report.col.days-overdue": ("เกินกำหนด (วัน)", "Days overdue"),
    "report.col.result": ("ผลการดำเนินการ", "Result"),
    "report.col.evidence": ("หลักฐาน", "Evidence"),
    "report.col.note": ("หมายเหตุ", "Note"),
    "report.col.source": ("ไฟล์ต้นทาง", "Source file"),
    "report.col.measure-id": ("รหัสมาตรการ", "Measure id"),
    "report.col.division-code": ("รหัสหน่วยงาน", "Division code"),
    "report.col.state-code": ("รหัสสถานะ", "State code"),
    "report.col.row": ("แถว {row}", "row {row}"),
    # --- เกินกำหนด (overdue) -------------------------------------------------------------------
    "report.overdue.title": (
        "รายการที่เกินกำหนดหรือยังไม่ได้ส่งรายงาน · ข้อมูล ณ วันที่ {date} (เรียงจากเกินกำหนดนานที่สุด)",
        "Overdue or not reported · as of {date} (most overdue first)",
    ),
    "report.overdue.none": ("ไม่มีรายการที่เกินกำหนด", "Nothing is overdue"),
    "report.col.number": ("ลำดับ", "No."),
    "report.col.responsible": ("หน่วยงานผู้รับผิดชอบ", "Responsible division"),
    "report.col.missed": ("งวดที่ยังไม่ได้รายงาน", "Periods not reported"),
    "report.col.contact": ("อีเมลติดต่อ", "Contact e-mail"),
    # --- ปัญหาข้อมูล (problems) ----------------------------------------------------------------
    "report.problems.title": (
        "ปัญหาที่พบในไฟล์ที่ได้รับ · ข้อมูล ณ วันที่ {date} (ข้อผิดพลาดก่อน แล้วจึงคำเตือน)",
        "Problems found in the received files · as of {date} (errors first)",
    ),
    "report.problems.none": ("ไม่พบปัญหาในข้อมูล", "No problems found"),
    "report.col.severity": ("ระดับ", "Severity"),
    "report.col.file": ("ไฟล์", "File"),
    "report.col.sheet": ("ชีต", "Sheet"),
    "report.col.cell": ("เซลล์", "Cell"),
    "report.col.measure": ("มาตรการ", "Measure"),
    "report.col.message": ("ปัญหาและวิธีแก้", "Problem and what to do"),
    "report.col.code": ("รหัสปัญหา", "Problem code"),
    "report.col.severity-code": ("รหัสระดับ", "Severity code"),
    # --- ยังไม่ส่ง (not received) ----------------------------------------------------------------
    "report.missing.title": (
        "หน่วยงานที่ยังไม่ได้ส่งรายงาน (ไม่มีไฟล์ที่ผ่านการตรวจ) และมาตรการที่ต้องรายงาน · ข้อมูล ณ วันที่ {date}",
        "Divisions with no accepted file, and their measures · as of {date}",
    ),
    "report.missing.rejected": (
        "ส่งแล้วแต่ใช้ไม่ได้: {reason} ({files})",
        "Sent, not usable: {reason} ({files})",
    ),
    # --- รายงาน (the official report) -----------------------------------------------------------
    "report.official.title": (
        "รายงานการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
        "Report on the measures to promote integrity and transparency within the agency",
    ),
    "report.official.col.issue": (
        "ประเด็นที่ต้องปรับปรุงแก้ไข/ประเด็นที่ต้องพัฒนา",
        "Issue to correct / to develop",
    ),
    "report.official.col.responsible": ("ผู้รับผิดชอบ", "Responsible"),
    "report.official.col.steps": ("ขั้นตอนหรือวิธีการ/มาตรการ", "Steps / measure"),
    "report.official.col.reporting": (
        "การรายงานผลและการกำกับติดตาม กำหนดเวลาแล้วเสร็จ",
        "Reporting and follow-up, deadline",
    ),
    "report.official.col.action": ("การดำเนินการ", "What was done"),
    "report.official.section": ("{number}. {name} ({name_en}: {code})", "{number}. {name_en} ({code})"),
    "report.official.section-short": ("{number}. {name} ({code})", "{number}. {name} ({code})"),
    "report.official.footer": ("หน้า &P จาก &N", "Page &P of &N"),
    # --- the action column (การดำเนินการ) ------------------------------------------------------
    "report.action.done-on": ("เจ้าหน้าที่ดำเนินการเมื่อวันที่ {date}", "Done on {date}"),
    "report.action.done": ("ดำเนินการแล้ว", "Done"),
    "report.action.ongoing": ("ดำเนินการเป็นประจำ{rhythm}", "Done regularly{rhythm}"),
    "report.action.in-progress": ("อยู่ระหว่างดำเนินการ", "In progress"),
    "report.action.not-started": ("ยังไม่ได้ดำเนินการ", "Not started"),
    "report.action.missing": ("ยังไม่ได้รับรายงาน", "No report received"),
    "report.action.not-applicable": ("ไม่เกี่ยวข้อง", "Not applicable"),
    "report.action.division": ("{divisions}: {text}", "{divisions}: {text}"),
    "report.rhythm.daily": ("ทุกวัน", " every day"),
    "report.rhythm.monthly": ("ทุกเดือน", " every month"),
    "report.rhythm.quarterly": ("ทุกไตรมาส", " every quarter"),
    "report.rhythm.twice-yearly": ("ทุก ๖ เดือน", " every six months"),
    "report.rhythm.yearly": ("ทุกปี", " every year"),
}
