"""Messages about the plan file."""

MESSAGES = {
    "plan-not-a-plan": ("ไฟล์นี้ไม่ใช่แผนมาตรการ ITA", "This file is not an ITA plan"),
    "plan-unreadable": ("เปิดไฟล์แผนไม่ได้: {reason}", "Cannot read the plan file: {reason}"),
    "plan-not-a-plan-workbook": (
        "ไฟล์นี้ไม่ใช่ไฟล์แผน (ไม่มีแผ่นงาน '{sheet_name}' หรือแผ่นงานอื่นของแผน) "
        "ไฟล์แผนสร้างด้วย ita-xlsx plan new หรือ plan convert ส่วนแบบรายงานของหน่วยงานใช้กับคำสั่ง check หรือ collect",
        "This is not a plan workbook (it has no '{sheet_name}' sheet nor any other plan sheet). Plan "
        "workbooks come from ita-xlsx plan new or plan convert; a division's workbook goes to check or collect",
    ),
    "plan-not-found": (
        "ไม่พบไฟล์แผนนี้ ตรวจชื่อไฟล์และโฟลเดอร์ (เช่น workbook_templates/plan-2566.yaml)",
        "The plan file does not exist: check its name and folder (e.g. workbook_templates/plan-2566.yaml)",
    ),
    "plan-unknown-file-type": (
        "ไม่รู้จักชนิดไฟล์แผน ใช้ไฟล์ .yaml หรือ .xlsx",
        "Unknown plan file type: use a .yaml or .xlsx file",
    ),
    "plan-yaml-syntax": (
        "รูปแบบ YAML ไม่ถูกต้อง: {reason}",
        "The YAML is not valid: {reason}",
    ),
    "plan-yaml-alias": (
        "ไฟล์แผนใช้การอ้างถึง (alias) '*{name}' ซึ่งไม่อนุญาต ให้เขียนค่านั้นเต็ม ๆ แทนการอ้างถึง",
        "The plan uses the alias '*{name}', which is not allowed: write the value out in full instead",
    ),
    "plan-yaml-too-deep": (
        "ข้อมูลในไฟล์ซ้อนกันลึกเกินไป ไฟล์นี้ไม่ใช่แผนมาตรการ ITA ตรวจว่าเลือกไฟล์ถูกต้อง",
        "The data in this file is nested too deeply: it is not an ITA plan. Check that you chose the right file",
    ),
    "plan-expected-mapping": (
        "ส่วน {where} ต้องเป็นรายการแบบ ชื่อ: ค่า",
        "{where} must be a mapping of name: value",
    ),
    "plan-unknown-key": (
        "ไม่รู้จักหัวข้อ '{key}' (ใช้ได้: {allowed})",
        "Unknown key '{key}' (allowed: {allowed})",
    ),
    "problem.line": ("บรรทัด {line}", "line {line}"),  # where a problem is in a text file (YAML)
    "plan-list-empty": ("ยังไม่มีรายการใน '{key}'", "'{key}' has no entries"),
    "plan-empty-text": ("ช่อง '{key}' ว่าง ต้องกรอก", "'{key}' is empty; it is required"),
    "plan-expected-text": ("ช่อง '{key}' ต้องเป็นข้อความ", "'{key}' must be text"),
    "plan-expected-list": ("ช่อง '{key}' ต้องเป็นรายการ", "'{key}' must be a list"),
    "plan-expected-number": (
        "ช่อง '{key}' ต้องเป็นตัวเลข (พบ '{value}')",
        "'{key}' must be a number (found '{value}')",
    ),
    "plan-bad-date": (
        "ช่อง '{key}' ไม่ใช่วันที่ที่อ่านได้ (พบ '{value}')",
        "'{key}' is not a readable date (found '{value}')",
    ),
    "plan-format-unknown": (
        "รูปแบบแผน '{value}' ไม่รองรับ (ต้องเป็น {expected})",
        "Plan format '{value}' is not supported (expected {expected})",
    ),
    "plan-bad-id": (
        "รหัส '{value}' ใช้ได้เฉพาะตัวอักษรอังกฤษ ตัวเลข และ - _ .",
        "Id '{value}' may hold only letters, digits and - _ .",
    ),
    "plan-bad-code": (
        "รหัสหน่วยงาน '{value}' ต้องเป็นอักษรอังกฤษตัวเล็ก ตัวเลข หรือ _ และขึ้นต้นด้วยตัวอักษร",
        "Division code '{value}' must be lower-case letters, digits or _, starting with a letter",
    ),
    "plan-bad-office-code": (
        "รหัสหน่วยงาน '{value}' ต้องเป็นตัวเลขหรืออักษรอังกฤษ (ใช้ - _ . ได้) เช่น รหัส อปท. 6301021",
        "Office code '{value}' must be digits or English letters (- _ . allowed), such as the official code 6301021",
    ),
    "plan-bad-website": (
        "เว็บไซต์ '{value}' ต้องขึ้นต้นด้วย https:// หรือ http:// เช่น https://www.example.go.th",
        "Website '{value}' must start with https:// or http://, such as https://www.example.go.th",
    ),
    "plan-fiscal-year-not-be": (
        "ปีงบประมาณ {value} ต้องเป็นปี พ.ศ. เช่น 2566",
        "Fiscal year {value} must be a Buddhist-era year such as 2566",
    ),
    "plan-unknown-division": (
        "ไม่มีหน่วยงานรหัส '{value}' ในแผน",
        "No division with code '{value}' in the plan",
    ),
    "plan-unknown-section": ("ไม่มีด้าน '{value}' ในแผน", "No section '{value}' in the plan"),
    "plan-unknown-indicator": (
        "ไม่มีตัวชี้วัดที่ {value} ในแผน",
        "No indicator {value} in the plan",
    ),
    "plan-round-backwards": (
        "รอบ '{round}' วันเริ่มอยู่หลังวันสิ้นสุด",
        "Round '{round}' starts after it ends",
    ),
    "plan-round-outside-year": (
        "รอบ '{round}' อยู่นอกปีงบประมาณ {year}",
        "Round '{round}' lies outside fiscal year {year}",
    ),
    "plan-control-character": (
        "ช่อง '{key}' มีอักขระขึ้นบรรทัดใหม่หรืออักขระควบคุม ('{value}') ซึ่งใช้ในหัวอีเมลและชื่อไฟล์ไม่ได้ "
        "ให้ลบออกแล้วพิมพ์ให้อยู่ในบรรทัดเดียว",
        "'{key}' holds a line break or another control character ('{value}'), which no mail header "
        "or file name may hold; remove it and keep the text on one line",
    ),
    "plan-code-too-long": (
        "รหัสหน่วยงาน '{value}' ยาวเกิน {limit} ตัวอักษร ซึ่งอยู่ในชื่อไฟล์ทุกไฟล์ของหน่วยงาน ให้ใช้รหัสที่สั้นลง",
        "Division code '{value}' is longer than {limit} characters; it is part of every file name of "
        "the division: use a shorter code",
    ),
    "plan-name-too-long": (
        "ชื่อหน่วยงานยาว {length} ตัวอักษร เกินกว่าที่ชื่อไฟล์จะรับได้ ชื่อไฟล์จะใช้ชื่อที่ตัดให้สั้นลง "
        "(ในแบบรายงานยังเป็นชื่อเต็ม) ควรใส่ชื่อเต็มในช่อง full_name และชื่อย่อในช่อง name",
        "The division name is {length} characters long, more than a file name holds; file names use it "
        "shortened (the workbooks keep it whole). Put the full name in full_name and a short one in name",
    ),
    "plan-bidi-control": (
        "ชื่อหน่วยงาน '{value}' มีอักขระควบคุมทิศทางข้อความ (เช่น U+202E) ซึ่งทำให้ชื่อแสดงผิดลำดับ "
        "จะไม่ใส่อักขระเหล่านี้ในชื่อไฟล์ ควรลบออกจากแผน",
        "Division name '{value}' holds bidirectional control characters (such as U+202E), which "
        "reorder what is shown; they are left out of file names: remove them from the plan",
    ),
    "plan-names-look-alike": (
        "ชื่อ '{value}' ดูเหมือนชื่อ '{other}' ของหน่วยงาน {other_code} แต่พิมพ์ด้วยอักขระต่างกัน "
        "(เช่น สำ กับ ํา) จะสับสนกันได้ ให้ตรวจว่าเป็นคนละหน่วยงานจริง และพิมพ์ชื่อใหม่ด้วยแป้นพิมพ์",
        "Name '{value}' looks like '{other}' of division {other_code} but is typed with other "
        "characters (such as สำ and ํา); they are easily confused: check that they are different "
        "divisions, and type the name again on a keyboard",
    ),
    "plan-text-too-long": (
        "ข้อความในช่อง '{key}' ยาว {length:,} ตัวอักษร เกินกว่าที่เซลล์หนึ่งของ Excel รับได้ ({limit:,}) "
        "แบบรายงานที่ส่งคืนจะถูกอ่านว่าถูกแก้ไข ให้ย่อข้อความให้สั้นลง",
        "The text of '{key}' is {length:,} characters long, more than one Excel cell holds ({limit:,}); "
        "returned workbooks would read as tampered with: shorten it",
    ),
    "plan-bad-email": (
        "อีเมล '{value}' ไม่ถูกต้อง",
        "E-mail address '{value}' is not valid",
    ),
    "plan-measure-no-division": (
        "มาตรการ '{measure}' ยังไม่ระบุหน่วยงานผู้รับผิดชอบ",
        "Measure '{measure}' has no responsible division",
    ),
    "schedule.unknown": (
        "ไม่รู้จักกำหนดเวลาแบบ '{word}' ใช้ได้: {kinds}",
        "unknown schedule '{word}'; use one of: {kinds}",
    ),
    "schedule.takes-nothing": ("'{kind}' ไม่ต้องมีข้อความต่อท้าย", "'{kind}' takes nothing after it"),
    "schedule.once-needs-date": (
        "'once' ต้องตามด้วยวันที่ เช่น once 2023-01-31 หรือ once 31/1/2566",
        "'once' needs a date, e.g. once 2023-01-31",
    ),
    "schedule.not-a-date": ("'{value}' ไม่ใช่วันที่", "'{value}' is not a date"),
    "schedule.monthly-day": (
        "เขียน 'monthly' (ส่งภายในสิ้นเดือน) หรือ 'monthly day N' โดย N เป็นวันที่ 1 ถึง 31",
        "write 'monthly' (by the month's end) or 'monthly day N' with N from 1 to 31",
    ),
    "schedule.months-count": (
        "ระบุเดือนที่ต่างกัน {count} เดือนพอดี เช่น 4 10 หรือ เม.ย. ต.ค.",
        "name exactly {count} different month(s), e.g. 4 10 or apr oct",
    ),
    "schedule.not-a-month": ("'{value}' ไม่ใช่เดือน", "'{value}' is not a month"),
    "plan-bad-schedule": (
        "กำหนดเวลา '{value}' อ่านไม่ได้: {reason}",
        "Schedule '{value}' cannot be read: {reason}",
    ),
    "plan-duplicate-id": (
        "รหัส '{value}' ซ้ำใน '{key}'",
        "'{value}' appears twice in '{key}'",
    ),
    "plan-division-without-measures": (
        "หน่วยงาน '{value}' ไม่มีมาตรการที่รับผิดชอบ",
        "Division '{value}' has no measures",
    ),
    "plan-sheet-missing": (
        "ไม่พบแผ่นงาน '{sheet_name}' ในไฟล์แผน ใช้ไฟล์ที่สร้างด้วย ita-xlsx plan new และอย่าเปลี่ยนชื่อแผ่นงาน",
        "The plan workbook has no sheet '{sheet_name}': use a file made by ita-xlsx plan new, "
        "without renaming its sheets",
    ),
    "plan-book.title": ("แผนมาตรการส่งเสริมคุณธรรมและความโปร่งใส (ITA)", "ITA integrity measures plan"),
    "plan-book.guide-1": (
        "ไฟล์นี้คือแผนมาตรการประจำปี กรอกแผ่นงาน 'แผน' (ชื่อหน่วยงาน ปีงบประมาณ) แล้วกรอกตารางในแผ่นงานถัดไป "
        "แถวที่ 1 คือหัวตาราง แถวที่ 2 คือชื่อช่องที่โปรแกรมอ่าน ห้ามแก้ไขแถวที่ 2",
        "This is the yearly plan. Fill the sheet 'แผน', then the tables. Row 1 holds headings, row 2 the field "
        "names the program reads: do not change row 2.",
    ),
    "plan-book.guide-2": (
        "หน่วยงาน: รหัสเป็นอักษรอังกฤษตัวเล็ก (เช่น palad, finance) ใช้อ้างถึงหน่วยงานในตารางมาตรการ "
        "ชื่ออื่นที่ใช้และอีเมลคั่นด้วยเครื่องหมายจุลภาค (,)",
        "Divisions: the code (e.g. palad, finance) names the division in the measures table; separate "
        "aliases and e-mails with commas.",
    ),
    "plan-book.guide-3": (
        "มาตรการ: หน่วยงานที่รับผิดชอบใส่รหัสคั่นด้วย , หรือ all (ทุกหน่วยงาน) "
        "ข้อความในช่องประเด็น ขั้นตอน และการรายงานผล จะแสดงในแบบรายงานของหน่วยงานตามที่เขียน",
        "Measures: responsible divisions are codes separated by commas, or all. The question, steps and "
        "reporting texts appear in the divisions' workbooks as written.",
    ),
    "plan-book.guide-4": (
        "รอบการรายงาน: once = ครั้งเดียว (รายละเอียด: วันที่ เช่น 30/11/2565 หลายวันคั่นด้วย ,) · daily = ทุกวัน · "
        "monthly = ทุกเดือน (รายละเอียด: ว่าง = สิ้นเดือน หรือวันที่ของเดือน เช่น 10) · quarterly = ทุกไตรมาส · "
        "twice-yearly = ปีละ 2 ครั้ง (รายละเอียด: 2 เดือน เช่น 4 10) · yearly = ปีละครั้ง (รายละเอียด: เดือน เช่น 1) · "
        "event = เมื่อมีเหตุการณ์ ไม่มีกำหนดวัน",
        "Schedule: once (detail: date(s), e.g. 30/11/2565), daily, monthly (detail: empty = month end, or a "
        "day such as 10), quarterly, twice-yearly (detail: two months, e.g. 4 10), yearly (detail: a month), "
        "event (no due date).",
    ),
    "plan-book.guide-5": (
        "ตรวจแผนด้วยคำสั่ง: ita-xlsx plan check ไฟล์แผน.xlsx",
        "Check the plan with: ita-xlsx plan check PLAN.xlsx",
    ),
}
