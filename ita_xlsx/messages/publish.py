"""Messages of what the office publishes: the report as Word, and the OIT evidence register."""

MESSAGES = {
    # --- problems of the evidence register ----------------------------------------------------
    "link-malformed": (
        "ลิงก์หลักฐาน {url} ไม่ใช่ที่อยู่เว็บที่เปิดได้ ตรวจการสะกด (เช่น https:// และชื่อโดเมน) "
        "แล้วคัดลอกลิงก์จากช่องที่อยู่ของเบราว์เซอร์มาใหม่",
        "The evidence link {url} is not a web address a browser can open: check its spelling "
        "(https:// and the domain) and copy it again from the browser's address bar",
    ),
    "link-local-path": (
        "หลักฐาน {url} เป็นที่อยู่ไฟล์ในเครื่องหรือในเครือข่ายภายใน ผู้ประเมินเปิดไม่ได้ "
        "นำไฟล์ขึ้นเว็บไซต์ของหน่วยงานแล้วใส่ลิงก์ของหน้านั้นแทน",
        "The evidence {url} is a path on a computer or a file share, which assessors cannot open: "
        "publish the file on the office's website and give that page's link instead",
    ),
    "link-personal-drive": (
        "หลักฐาน {url} อยู่ใน {service} ซึ่งเป็นไดรฟ์ส่วนตัวหรือแชต ผู้ประเมินอาจเปิดไม่ได้และไม่ใช่เว็บไซต์ของหน่วยงาน "
        "นำเอกสารขึ้นเว็บไซต์ของหน่วยงานแล้วใส่ลิงก์ของหน้านั้นแทน",
        "The evidence {url} is on {service}, a personal drive or chat that assessors may not open "
        "and that is not the office's website: publish it there and give that link instead",
    ),
    "link-not-own-domain": (
        "ลิงก์หลักฐาน {url} อยู่ที่ {host} ไม่ใช่เว็บไซต์ของหน่วยงาน ({website}) "
        "การประเมิน OIT ให้คะแนนเฉพาะข้อมูลบนเว็บไซต์ของหน่วยงาน",
        "The evidence link {url} is on {host}, not on the office's website ({website}): OIT "
        "scores only what is on the office's own website",
    ),
    "link-duplicate": (
        "ลิงก์หลักฐาน {url} ใช้ซ้ำกับมาตรการ {others} ตรวจว่าแต่ละข้อมีหน้าหลักฐานของตนเอง",
        "The evidence link {url} is also given for measure(s) {others}: check that each item has "
        "its own evidence page",
    ),
    "link-unreachable": (
        "เปิดลิงก์หลักฐาน {url} ไม่ได้ ({reason}) ผู้ประเมินจะเปิดไม่ได้เช่นกัน ตรวจว่าหน้านั้นยังอยู่และเปิดให้ทุกคนดูได้",
        "The evidence link {url} did not open ({reason}); assessors will not open it either: "
        "check that the page exists and is public",
    ),
    # --- short labels (the register sheet and the CSV) ----------------------------------------
    "publish.problem.link-malformed": ("ลิงก์ไม่ถูกต้อง", "malformed link"),
    "publish.problem.link-local-path": ("ไฟล์ในเครื่อง/เครือข่ายภายใน", "local path or file share"),
    "publish.problem.link-personal-drive": ("ไดรฟ์ส่วนตัวหรือแชต", "personal drive or chat"),
    "publish.problem.link-not-own-domain": ("ไม่ใช่เว็บไซต์ของหน่วยงาน", "not on the office's website"),
    "publish.problem.link-duplicate": ("ใช้ซ้ำกับข้ออื่น", "given for another item too"),
    "publish.problem.link-unreachable": ("เปิดไม่ได้", "does not open"),
    "publish.csv.items": ("ข้อการประเมิน", "Assessment item"),
    "publish.csv.url": ("URL", "URL"),
    "publish.csv.text": ("คำอธิบาย", "Description"),
    "publish.csv.measure": ("มาตรการ", "Measure"),
    "publish.csv.division": ("หน่วยงานที่รายงาน", "Division"),
    "publish.csv.where": ("ตำแหน่งในไฟล์", "Where in the file"),
    "publish.csv.problems": ("ข้อสังเกต", "Findings"),
    # --- the register sheet of the consolidated workbook --------------------------------------
    "publish.sheet.title": (
        "ทะเบียนหลักฐาน OIT: ลิงก์หลักฐานที่หน่วยงานแจ้ง ข้อมูล ณ วันที่ {date}",
        "OIT evidence register: the links the divisions gave, as of {date}",
    ),
    "publish.sheet.website": ("เว็บไซต์ของหน่วยงาน: {website}", "The office's website: {website}"),
    "publish.sheet.no-website": (
        "แผนไม่ได้ระบุเว็บไซต์ของหน่วยงาน (office.website) จึงไม่ได้ตรวจว่าลิงก์อยู่บนเว็บไซต์ของหน่วยงานหรือไม่",
        "The plan names no website (office.website): links were not checked against it",
    ),
    "publish.sheet.none": ("ไม่มีลิงก์หลักฐานในแบบรายงานที่ได้รับ", "No evidence link in the returned workbooks"),
    "publish.sheet.col.link": ("ลิงก์", "Link"),
    "publish.sheet.col.own": ("เว็บไซต์หน่วยงาน", "Office website"),
    "publish.sheet.yes": ("ใช่", "yes"),
    "publish.sheet.no": ("ไม่ใช่", "no"),
    # --- the report as Word -------------------------------------------------------------------
    "publish.docx.contents": ("สารบัญ", "Contents"),
    "publish.docx.contents-subject": ("เรื่อง", "Subject"),
    "publish.docx.contents-page": ("หน้า", "Page"),
    "publish.docx.measures-title": (
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสของ{office} ประจำปีงบประมาณ พ.ศ. {year}",
        "Measures to promote integrity and transparency of {office}, fiscal year {year}",
    ),
    "publish.docx.introduction": (
        "จากการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน ประจำปีงบประมาณ พ.ศ. {previous} "
        "นำมาสู่ข้อเสนอแนะในการกำหนดมาตรการในการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานของ{office} ดังนี้",
        "From the analysis of the integrity and transparency assessment of fiscal year {previous}, "
        "{office} set the following measures to promote integrity and transparency",
    ),
    "publish.docx.signature.reporter": ("ผู้รายงาน", "Reported by"),
    "publish.docx.signature.approver": ("ผู้ตรวจสอบ/ผู้อนุมัติ", "Checked and approved by"),
    "publish.docx.signature.line": (
        "(ลงชื่อ)....................................................",
        "(signed)......................................",
    ),
    "publish.docx.signature.name": (
        "(....................................................)",
        "(....................................................)",
    ),
    "publish.docx.signature.position": (
        "ตำแหน่ง..............................................",
        "Position..........................................",
    ),
    "publish.docx.footer": ("หน้า ", "Page "),
    "publish.docx.not-consolidated": (
        "{path} ไม่ใช่ไฟล์สรุปที่ ita-xlsx เขียน (ไม่พบชีต '{sheet}') ใช้ไฟล์ .json หรือ .xlsx ที่คำสั่ง collect เขียน",
        "{path} is not a consolidated workbook written by ita-xlsx (no sheet '{sheet}'): use the "
        ".json or .xlsx that collect wrote",
    ),
    "publish.docx.needs-plan": (
        "การเขียนรายงานจากไฟล์ผล .json ต้องใช้ไฟล์แผน ระบุด้วย --plan (หรือให้ไฟล์สรุป .xlsx ที่เขียนพร้อมกันอยู่ข้างไฟล์ .json)",
        "Writing the report from a .json results file needs the plan: give it with --plan (or keep "
        "the consolidated .xlsx written with it beside the .json)",
    ),
    "publish.docx.bad-input": (
        "อ่านไฟล์ {path} ไม่ได้ ({reason}) ใช้ไฟล์ .json หรือ .xlsx ที่คำสั่ง collect เขียน",
        "Cannot read {path} ({reason}): use the .json or .xlsx that collect wrote",
    ),
    "publish.docx.out-not-docx": ("ไฟล์ผลลัพธ์ต้องลงท้ายด้วย .docx", "The output file must end in .docx"),
    "publish.links.checked": (
        "ตรวจเปิดลิงก์หลักฐาน {count} ลิงก์: เปิดได้ {ok} เปิดไม่ได้ {bad}",
        "Opened {count} evidence links: {ok} opened, {bad} did not",
    ),
}
