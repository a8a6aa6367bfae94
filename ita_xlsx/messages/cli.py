"""Messages of the command line itself."""

MESSAGES = {
    "cli.interrupted": ("หยุดการทำงานแล้ว ไม่มีไฟล์ผลลัพธ์ที่เขียนค้างไว้", "Stopped; no partial output was left."),
    "cli.internal-error": (
        "โปรแกรมผิดพลาดภายใน ({error}) กรุณาแจ้งผู้ดูแลระบบ พร้อมรันคำสั่งเดิมโดยเติม --debug",
        "Internal error ({error}). Please report it, with the output of the same command run with --debug.",
    ),
    "cli.os-error": (
        "อ่านหรือเขียนไฟล์ไม่ได้: {path} ({reason}) ตรวจสอบชื่อโฟลเดอร์ สิทธิ์การเขียน และพื้นที่ว่างในดิสก์"
        " (รวมถึงโฟลเดอร์ชั่วคราวตาม TMPDIR/TEMP) ไฟล์ผลลัพธ์เดิมยังอยู่ครบ",
        "Could not read or write a file: {path} ({reason}). Check the folder name, the permission to write"
        " and the free disk space (the temporary folder of TMPDIR/TEMP too). Earlier outputs are unchanged.",
    ),
    "cli.os-error-no-path": (
        "อ่านหรือเขียนไฟล์ไม่ได้ ({reason}) ตรวจสอบสิทธิ์การเขียนและพื้นที่ว่างในดิสก์"
        " (รวมถึงโฟลเดอร์ชั่วคราวตาม TMPDIR/TEMP) ไฟล์ผลลัพธ์เดิมยังอยู่ครบ",
        "Could not read or write a file ({reason}). Check the permission to write and the free disk"
        " space (the temporary folder of TMPDIR/TEMP too). Earlier outputs are unchanged.",
    ),
    "cli.problems-found": (
        "พบปัญหา {errors} ข้อผิดพลาด {warnings} คำเตือน",
        "Found {errors} error(s) and {warnings} warning(s)",
    ),
    "cli.wrote": ("เขียนไฟล์: {path}", "Wrote: {path}"),
    "cli.exists": (
        "มีไฟล์ {path} อยู่แล้ว ใช้ --force เพื่อเขียนทับ",
        "{path} already exists; use --force to overwrite it",
    ),
    "cli.severity.error": ("ข้อผิดพลาด", "error"),
    "cli.severity.warning": ("คำเตือน", "warning"),
    "cli.severity.info": ("หมายเหตุ", "note"),
    "plan.summary.header": (
        "แผน {plan_id}: {office} ปีงบประมาณ {year} · {measures} มาตรการ {divisions} หน่วยงาน {rounds} รอบ",
        "Plan {plan_id}: {office}, fiscal year {year} · {measures} measures, {divisions} divisions, "
        "{rounds} rounds",
    ),
    "plan.summary.division": (
        "  {code:<10} {name}: {count} มาตรการ",
        "  {code:<10} {name}: {count} measures",
    ),
    "plan.summary.section": ("  {code:<10} {name}: {count} มาตรการ", "  {code:<10} {name}: {count} measures"),
    "plan.summary.by-division": ("มาตรการตามหน่วยงาน:", "Measures per division:"),
    "plan.summary.by-section": ("มาตรการตามด้าน:", "Measures per section:"),
    "plan.summary.ok": ("แผนถูกต้อง พร้อมใช้งาน", "The plan is valid."),
    "plan.new.done": (
        "สร้างไฟล์แผนเปล่า {path} แล้ว กรอกข้อมูลแล้วตรวจด้วย: ita-xlsx plan check {path}",
        "Wrote an empty plan {path}; fill it, then check it with: ita-xlsx plan check {path}",
    ),
    "plan.convert.same": ("ไฟล์ต้นทางและปลายทางเป็นไฟล์เดียวกัน", "Input and output are the same file"),
}

MESSAGES.update(
    {
        "collect.bad-as-of": (
            "อ่านวันที่ '{value}' ไม่ได้ ใช้รูปแบบ 2023-03-31 หรือ 31/3/2566",
            "Cannot read the date '{value}'; use 2023-03-31 or 31/3/2566",
        ),
        "collect.as-of-far": (
            "คำเตือน: วันที่ของข้อมูล {date} อยู่ห่างจากปีงบประมาณ {year} ของแผนเกินหนึ่งปี สถานะทุกมาตรการคิด ณ วันนั้น "
            "ตรวจ --as-of อีกครั้ง",
            "Warning: the as-of date {date} lies more than a year outside the plan's fiscal year {year}; every "
            "state is computed as of that day. Check --as-of",
        ),
        "collect.plan-invalid": (
            "แผน {path} มีข้อผิดพลาด ตรวจด้วย: ita-xlsx plan check {path}",
            "The plan {path} has errors; check it with: ita-xlsx plan check {path}",
        ),
        "collect.unknown-round": (
            "ไม่มีรอบ '{round}' ในแผน (มี: {rounds})",
            "No round '{round}' in the plan (rounds: {rounds})",
        ),
        "collect.out-not-xlsx": ("ไฟล์ผลลัพธ์ต้องเป็น .xlsx", "The output must be an .xlsx file"),
        "collect.out-is-input": (
            "ไฟล์ผลลัพธ์ {path} เป็นไฟล์นำเข้า จะไม่เขียนทับ",
            "The output {path} is one of the inputs; it will not be overwritten",
        ),
        "collect.out-in-input-folder": (
            "ไฟล์ผลลัพธ์ {path} อยู่ในโฟลเดอร์ {folder} ที่อ่านแบบรายงานที่ส่งกลับ ครั้งต่อไปจะถูกอ่านปนกับแบบรายงาน "
            "กรุณาให้ --out อยู่นอกโฟลเดอร์นั้น",
            "The output {path} lies in {folder}, a folder of returned workbooks, where the next run would "
            "read it as one; give an --out outside that folder",
        ),
        "collect.progress": ("อ่านแล้ว {count} ไฟล์", "{count} files read"),
        "collect.summary": (
            "ไฟล์ที่รับ {accepted} ไม่รับ {rejected} · {records} รายการ (มาตรการ × หน่วยงาน) ดำเนินการแล้ว {percent}% · "
            "ขาดรายงานบางงวด {periods_missing} เกินกำหนด {overdue} ใกล้ถึงกำหนด {due_soon} ไม่ได้ส่งรายงาน {missing} · "
            "ข้อผิดพลาด {errors} คำเตือน {warnings}",
            "Files accepted {accepted}, rejected {rejected} · {records} records (measure × division), {percent}% "
            "done · periods not reported {periods_missing}, overdue {overdue}, due soon {due_soon}, not reported "
            "{missing} · {errors} errors, {warnings} warnings",
        ),
        "collect.nothing-accepted": (
            '✘ ไม่มีไฟล์ใดใช้ได้เลย (อ่าน {count} รายการ) ผลทุกมาตรการจึงเป็น "ไม่ได้ส่งรายงาน" ดูสาเหตุของแต่ละไฟล์ด้านล่าง',
            '✘ No file could be used ({count} inputs read), so every measure reads "not reported"; see why '
            "for each file below",
        ),
        "collect.divisions": (
            "หน่วยงาน {total}: ส่งแล้ว {received} · ส่งแล้วแต่ใช้ไม่ได้ {rejected} · ยังไม่ได้รับ {not_received}",
            "Divisions {total}: received {received} · sent, not usable {rejected} · not received {not_received}",
        ),
        "collect.rejected": (
            "ส่งแล้วแต่ใช้ไม่ได้: {name}: {reason}",
            "Sent, not usable: {name}: {reason}",
        ),
        "collect.not-received": ("ยังไม่ได้รับแบบรายงานจาก: {names}", "Not received from: {names}"),
        "collect.unused": ("ไฟล์ที่ไม่ได้ใช้ {count} ไฟล์:", "{count} input(s) not used:"),
        "collect.unused-file": ("  - {path}: {reason}", "  - {path}: {reason}"),
        "collect.unused-more": (
            "  และอีก {count} ไฟล์: ดูแผ่นงาน ปัญหาข้อมูล ในไฟล์สรุป",
            "  and {count} more: see the sheet ปัญหาข้อมูล of the consolidated workbook",
        ),
        "check.file-ok": ("✔ {path}: ใช้ได้ (คำเตือน {warnings})", "✔ {path}: OK ({warnings} warnings)"),
        "check.file-bad": (
            "✘ {path}: ต้องแก้ไข (ข้อผิดพลาด {errors} คำเตือน {warnings})",
            "✘ {path}: needs fixing ({errors} errors, {warnings} warnings)",
        ),
        "os.no-space": ("พื้นที่ในดิสก์เต็ม", "no space left"),
        "os.too-large": ("ไฟล์ใหญ่เกินกว่าที่ระบบยอมให้เขียน", "file too large"),
        "os.no-access": (
            "ไม่มีสิทธิ์เข้าถึง หรือไฟล์เปิดค้างอยู่ในโปรแกรมอื่น เช่น Excel (ปิดไฟล์แล้วสั่งอีกครั้ง)",
            "no permission, or the file is open in another program such as Excel",
        ),
        "os.read-only": ("ดิสก์หรือโฟลเดอร์นี้เขียนไม่ได้ (อ่านได้อย่างเดียว)", "read-only"),
        "os.not-found": ("ไม่พบไฟล์หรือโฟลเดอร์", "not found"),
        "os.is-folder": ("เป็นโฟลเดอร์ ไม่ใช่ไฟล์", "is a folder"),
        "os.not-folder": ("ส่วนหนึ่งของเส้นทางไม่ใช่โฟลเดอร์", "not a folder"),
        "os.name-too-long": ("ชื่อไฟล์หรือเส้นทางยาวเกินไป", "name too long"),
        "os.busy": ("ไฟล์ถูกใช้งานอยู่", "busy"),
        "usage.usage": ("วิธีใช้: {usage}", "Usage: {usage}"),
        "usage.error": ("ข้อผิดพลาดในคำสั่ง: {message}", "Error: {message}"),
        "usage.help": ("ดูวิธีใช้ทั้งหมด: {command} --help", "Try '{command} --help' for help."),
        "usage.missing": ("ยังไม่ได้ระบุ {name}", "Missing {name}"),
        "usage.no-such-option": ("ไม่รู้จักตัวเลือก {name}", "No such option {name}"),
        "usage.did-you-mean": ("หมายถึง {names} หรือไม่", "Did you mean {names}?"),
        "usage.bad-value": ("ค่าของ {name} ไม่ถูกต้อง: {reason}", "Invalid value for {name}: {reason}"),
        "usage.value.not-found": ("ไม่พบ {path}", "{path} does not exist"),
        "usage.value.is-folder": ("{path} เป็นโฟลเดอร์ ไม่ใช่ไฟล์", "{path} is a folder, not a file"),
        "usage.value.is-file": ("{path} เป็นไฟล์ ไม่ใช่โฟลเดอร์", "{path} is a file, not a folder"),
        "usage.value.no-access": ("ไม่มีสิทธิ์อ่านหรือเขียน {path}", "{path} cannot be read or written"),
        "usage.value.range": ("{value} อยู่นอกช่วงที่ใช้ได้ ({range})", "{value} is not in the range {range}"),
        "usage.value.not-number": ("{value} ไม่ใช่ตัวเลข", "{value} is not a number"),
        "usage.value.choice": ("{value} ต้องเป็นค่าหนึ่งใน {choices}", "{value} is not one of {choices}"),
        "usage.no-such-command": (
            "ไม่มีคำสั่ง {name} (ดูรายการคำสั่ง: ita-xlsx --help)",
            "No such command {name} (see ita-xlsx --help)",
        ),
        "usage.extra-arguments": ("มีข้อความเกินมาในคำสั่ง: {values}", "Unexpected extra arguments: {values}"),
        "usage.needs-value": ("ตัวเลือก {name} ต้องมีค่าตามหลัง", "Option {name} needs a value"),
        "usage.missing-command": (
            "ยังไม่ได้ระบุคำสั่ง เช่น demo หรือ collect (ดู ita-xlsx --help)",
            "No command given, e.g. demo or collect (see ita-xlsx --help)",
        ),
        "check.nothing": (
            "ไม่พบไฟล์ Excel ให้ตรวจใน {inputs} ตรวจว่าเลือกไฟล์หรือโฟลเดอร์ถูกต้อง",
            "No Excel workbook to check in {inputs}; check that you chose the right file or folder",
        ),
        "check.file-skipped": (
            "– {path}: ไม่ได้ตรวจ (ดูหมายเหตุด้านบน)",
            "– {path}: not checked (see the note above)",
        ),
    }
)

MESSAGES.update(
    {
        "demo.unavailable": (
            "ไม่พบแผนและไฟล์ตัวอย่างที่ติดมากับโปรแกรม ({path}) การติดตั้งไม่ครบ: ติดตั้ง ita-xlsx ใหม่",
            "The sample plan and returns that ship with the program are missing ({path}); the install is "
            "incomplete: install ita-xlsx again",
        ),
        "demo.templates": (
            "เขียนแบบรายงาน {count} หน่วยงานใน {folder}",
            "Wrote {count} division workbooks in {folder}",
        ),
        "demo.next": ("เปิดไฟล์สรุปเพื่อดูผล: {path}", "Open the summary to see the result: {path}"),
        "demo.try": (
            "ลองคำสั่งอื่นกับแผนตัวอย่าง {plan} และไฟล์ส่งกลับตัวอย่างใน {samples} (ดู README)",
            "Try the other commands on the sample plan {plan} and the sample returns in {samples} (see the README)",
        ),
    }
)
