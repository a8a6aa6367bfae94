"""Messages of the division workbooks (``ita-xlsx templates``): problems, CLI lines and workbook texts.

Keys starting with ``template.book.`` are the Thai texts written into the workbooks; the English
column documents them. Problem codes are kebab-case.
"""

MESSAGES = {
    # --- problems -------------------------------------------------------------------------------
    "template-exists": (
        "มีไฟล์แบบรายงานอยู่แล้ว {count} ไฟล์ ไม่ได้เขียนทับ: {files} ใช้ --force เพื่อเขียนทับ",
        "{count} template file(s) already exist and were left alone: {files}. Use --force to overwrite them.",
    ),
    "template-division-has-no-measures": (
        "หน่วยงาน {value} ไม่มีมาตรการที่รับผิดชอบ จึงไม่ได้สร้างแบบรายงาน",
        "Division {value} has no measures, so no workbook was written for it",
    ),
    "template-prefill-unreadable": (
        "อ่านไฟล์ผลรวมรอบก่อนไม่ได้: {reason} ใช้ไฟล์ JSON ที่คำสั่ง ita-xlsx collect สร้าง",
        "Cannot read the consolidated file for prefilling: {reason}. Use the JSON written by ita-xlsx collect.",
    ),
    "prefill.too-large": ("ไฟล์ใหญ่เกิน {mb} MB", "larger than {mb} MB"),
    "prefill.no-records": ("ไม่มีรายการ 'records' ในไฟล์", "no list of 'records' in it"),
    "prefill.not-a-record": ("ไม่ใช่ข้อมูลของมาตรการหนึ่งรายการ", "not an object"),
    "template-prefill-other-plan": (
        "ไฟล์ผลรวมนี้มาจากแผนอื่นหรือปีงบประมาณอื่น (ในไฟล์: {found} แผนที่ใช้: {expected}) "
        "จึงไม่นำมากรอกล่วงหน้า ใช้ไฟล์ JSON ของรอบก่อนในปีเดียวกัน",
        "This consolidated file comes from another plan or fiscal year (it says {found}; the plan is "
        "{expected}), so nothing is prefilled from it. Use the JSON of the earlier round of the same year.",
    ),
    "template-prefill-bad-record": (
        "ข้ามรายการที่ {index} ในไฟล์ผลรวมรอบก่อน: {reason}",
        "Skipped record {index} of the consolidated file: {reason}",
    ),
    "template-prefill-unknown-measure": (
        "ไฟล์ผลรวมรอบก่อนมีมาตรการ '{value}' ที่ไม่อยู่ในแผนของหน่วยงานนี้ จึงไม่ได้นำมากรอก",
        "The consolidated file has measure '{value}', which is not in this division's plan; it was not prefilled",
    ),
    "template-prefill-bad-date": (
        "วันที่ '{value}' ในไฟล์ผลรวมรอบก่อนอ่านไม่ได้ จึงเว้นว่างไว้",
        "Date '{value}' in the consolidated file cannot be read; the cell was left empty",
    ),
    "template-prefill-bad-status": (
        "สถานะ '{value}' ในไฟล์ผลรวมรอบก่อนไม่รู้จัก จึงเว้นว่างไว้",
        "Status '{value}' in the consolidated file is unknown; the cell was left empty",
    ),
    "template-prefill-log-truncated": (
        "บันทึกการดำเนินการมี {count} แถว เกินกว่าที่แบบรายงานรับได้ ({limit} แถว) นำมากรอกเฉพาะ {limit} แถวแรก",
        "The activity log has {count} rows, more than the workbook holds ({limit}); only the first {limit} "
        "were prefilled",
    ),
    "template-text-truncated": (
        "ข้อความยาวเกิน {limit} ตัวอักษร ถูกตัดให้สั้นลง",
        "A text longer than {limit} characters was shortened",
    ),
    "template-password-saved": (
        "สร้างรหัสผ่านปลดล็อกแผ่นงานแบบสุ่ม และบันทึกไว้ที่ {path} (อ่านได้เฉพาะผู้ใช้นี้) เก็บไว้ อย่าส่งให้หน่วยงาน",
        "Generated a random sheet-protection password and saved it in {path} (readable only by you); "
        "keep it, do not send it to the divisions",
    ),
    "template-password-reused": (
        "ใช้รหัสผ่านปลดล็อกแผ่นงานเดิมจาก {path}",
        "Used the sheet-protection password saved in {path}",
    ),
    "template-password-file-differs": (
        "รหัสผ่านที่ระบุไม่ตรงกับที่บันทึกไว้ใน {path} ไฟล์นั้นไม่ได้ถูกแก้ไข",
        "The password given differs from the one saved in {path}; that file was not changed",
    ),
    # --- command line ---------------------------------------------------------------------------
    "template.unknown-round": (
        "ไม่มีรอบ '{value}' ในแผน รอบที่มี: {rounds}",
        "No round '{value}' in the plan; the rounds are: {rounds}",
    ),
    "template.bad-generated": (
        "--generated ต้องเป็นวันเวลาแบบ ISO เช่น 2022-10-01T00:00:00 (พบ '{value}')",
        "--generated must be an ISO date-time such as 2022-10-01T00:00:00 (found '{value}')",
    ),
    "template.summary": (
        "สร้างแบบรายงาน {count} ไฟล์ ในโฟลเดอร์ {out}",
        "Wrote {count} workbook(s) in {out}",
    ),
    "template.nothing-written": (
        "ไม่ได้สร้างแบบรายงาน แก้ไขปัญหาข้างต้นแล้วรันคำสั่งอีกครั้ง",
        "No workbook was written; fix the problems above and run the command again",
    ),
    # --- workbook: document properties, page header ---------------------------------------------
    "template.book.doc-title": (
        "แบบรายงานมาตรการ ITA ปีงบประมาณ {year} {round} {division}",
        "ITA measures workbook, fiscal year {year}, {round}, {division}",
    ),
    "template.book.footer": ("หน้า &P / &N", "Page &P of &N"),
    # --- workbook: instructions sheet -----------------------------------------------------------
    "template.book.title": (
        "แบบรายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน (ITA)",
        "Report on the integrity and transparency (ITA) measures",
    ),
    "template.book.label.office": ("หน่วยงาน", "Office"),
    "template.book.label.fiscal-year": ("ปีงบประมาณ", "Fiscal year"),
    "template.book.label.round": ("รอบการรายงาน", "Reporting round"),
    "template.book.label.division": ("ผู้รายงาน", "Reporting division"),
    "template.book.label.measures": ("มาตรการ", "Measures"),
    "template.book.label.return": ("ส่งไฟล์คืน", "Send the file back"),
    "template.book.label.unfilled": ("ยังไม่ได้เลือกสถานะ", "No status chosen yet"),
    "template.book.value.unfilled": (
        "จาก {total} มาตรการ (เลือกสถานะให้ครบทุกมาตรการก่อนส่ง)",
        "of {total} measures (choose a status for every measure before sending)",
    ),
    "template.book.value.fiscal-year": ("พ.ศ. {year} ({start} – {end})", "{year} BE ({start} – {end})"),
    "template.book.value.round": ("{name} ({start} – {end})", "{name} ({start} – {end})"),
    "template.book.value.measures": (
        "{count} มาตรการ อยู่ในแผ่นงาน '{sheet}'",
        "{count} measures, on the sheet '{sheet}'",
    ),
    "template.book.value.return": (
        "ส่งไฟล์นี้ (.xlsx) คืน {coordinator} ภายในวันที่ {date}",
        "Send this file (.xlsx) back to {coordinator} by {date}",
    ),
    "template.book.value.return-no-date": (
        "ส่งไฟล์นี้ (.xlsx) คืน {coordinator} ภายในวันที่ที่ผู้ประสานงานกำหนด",
        "Send this file (.xlsx) back to {coordinator} by the date the coordinator sets",
    ),
    "template.book.value.emails": (" ทางอีเมล {emails}", " by e-mail to {emails}"),
    "template.book.value.return-by-unset": ("วันที่ผู้ประสานงานกำหนด", "the date the coordinator sets"),
    "template.book.value.no-coordinator": ("ผู้ประสานงาน ITA ของหน่วยงาน", "the office's ITA coordinator"),
    "template.book.heading.fill": ("วิธีกรอก", "How to fill in"),
    "template.book.fill.1": (
        "กรอกเฉพาะช่องสีเหลือง ช่องอื่นล็อกไว้ แก้ไขไม่ได้",
        "Fill only the yellow cells; the others are locked.",
    ),
    "template.book.fill.2": (
        "แผ่นงาน '{sheet}': หนึ่งแถวต่อหนึ่งมาตรการ เลือกสถานะจากรายการ ใส่วันที่ดำเนินการ (ครั้งล่าสุด) "
        "ผลการดำเนินการ หลักฐาน (เลขที่หนังสือ คำสั่ง หรือลิงก์เว็บไซต์) และหมายเหตุ",
        "Sheet '{sheet}': one row per measure. Pick a status from the list, type the date it was done "
        "(the latest time), the result, the evidence (document number or web link) and a note.",
    ),
    "template.book.fill.3": (
        "แผ่นงาน '{sheet}': สำหรับมาตรการที่ทำเป็นประจำหรือทำทุกครั้งที่มีเหตุการณ์ บันทึกหนึ่งแถวต่อการดำเนินการหนึ่งครั้ง "
        "เช่น ประชุมประจำเดือน ๖ ครั้ง กรอก ๖ แถว",
        "Sheet '{sheet}': for recurring or event-driven measures, one row per time it was done "
        "(six monthly meetings are six rows).",
    ),
    "template.book.fill.4": (
        "ช่องกำหนดเวลาในรอบนี้ คำนวณจากแผน: มาตรการที่ทำทุกเดือนหรือทุกไตรมาสแสดงรอบการทำและครั้งสุดท้ายของรอบ "
        "มาตรการที่ยังไม่ถึงกำหนดมีคำว่า (รอบถัดไป)",
        "The due column is computed from the plan: recurring measures show their rhythm and the last due date "
        "of the round; measures due later say (รอบถัดไป, next round).",
    ),
    "template.book.heading.status": ("ความหมายของสถานะ", "What each status means"),
    "template.book.status.not_started": (
        "ยังไม่ได้เริ่มดำเนินการตามมาตรการนี้ (ระบุเหตุผลในช่องหมายเหตุ)",
        "Not begun yet (give the reason in the note).",
    ),
    "template.book.status.in_progress": (
        "เริ่มแล้วแต่ยังไม่แล้วเสร็จ (เขียนความคืบหน้าในช่องผลการดำเนินการ)",
        "Begun but not finished (describe the progress in the result).",
    ),
    "template.book.status.done": (
        "ดำเนินการแล้วเสร็จ (ใส่วันที่ดำเนินการและหลักฐาน)",
        "Finished (give the date and the evidence).",
    ),
    "template.book.status.ongoing": (
        "ทำเป็นประจำ เช่น ทุกวัน ทุกเดือน (บันทึกแต่ละครั้งในแผ่นงาน '{sheet}')",
        "Done as a recurring practice, e.g. daily or monthly (record each time on the sheet '{sheet}').",
    ),
    "template.book.status.not_applicable": (
        "มาตรการนี้ไม่เกี่ยวกับงานของหน่วยงาน (ระบุเหตุผลในช่องหมายเหตุ)",
        "The measure does not concern this division (give the reason in the note).",
    ),
    "template.book.heading.dates": ("การกรอกวันที่", "Typing dates"),
    "template.book.dates.1": (
        "พิมพ์วันที่เป็น วัน/เดือน/ปี พ.ศ. เช่น 3/10/2565 แล้วกด Enter เซลล์จะแสดงเป็น 3 ตุลาคม 2565",
        "Type dates as day/month/Buddhist-era year, e.g. 3/10/2565, then Enter; the cell shows 3 ตุลาคม 2565.",
    ),
    "template.book.dates.2": (
        "ตัวเลขไทยก็ได้ เช่น ๓/๑๐/๒๕๖๕ ถ้าโปรแกรมไม่รับ ให้พิมพ์ด้วยตัวเลข 0-9 "
        "วันที่ต้องอยู่ระหว่าง {start} ถึง {end} ถ้าทำหลายครั้ง ใส่ครั้งล่าสุด",
        "Thai digits are fine too (๓/๑๐/๒๕๖๕); if the program refuses them, type 0-9. Dates must lie between "
        "{start} and {end}; if done several times, give the latest.",
    ),
    "template.book.heading.rules": ("ข้อห้าม", "Do not"),
    "template.book.rules.1": (
        "ห้ามเปลี่ยนชื่อแผ่นงาน ห้ามแทรกหรือลบแถวและคอลัมน์ ห้ามย้ายหรือคัดลอกวางทับทั้งแถว",
        "Do not rename sheets, insert or delete rows or columns, or move or paste over whole rows.",
    ),
    "template.book.rules.2": (
        "บันทึกเป็นไฟล์ .xlsx เท่านั้น ห้ามตั้งรหัสผ่านเปิดไฟล์ ไฟล์จะถูกตรวจโดยโปรแกรมเมื่อส่งกลับ "
        "หากมีปัญหาจะได้รับไฟล์คืนพร้อมรายการที่ต้องแก้ไข",
        "Save as .xlsx only, without a password. The file is checked when it comes back; if something is "
        "wrong you get it back with a list of what to fix.",
    ),
    # --- workbook: measures sheet ---------------------------------------------------------------
    "template.book.measures.title": (
        "มาตรการของ{division} · {round} ปีงบประมาณ พ.ศ. {year} · {office}",
        "Measures of {division} · {round}, fiscal year {year} · {office}",
    ),
    "template.book.measures.hint": (
        "กรอกเฉพาะช่องสีเหลือง · วันที่พิมพ์เป็น วัน/เดือน/ปี พ.ศ. เช่น 3/10/2565 · ส่งคืนภายใน {date}",
        "Fill only the yellow cells · type dates as d/m/BE year, e.g. 3/10/2565 · send back by {date}",
    ),
    "template.book.col.number": ("ลำดับ", "No."),
    "template.book.col.measure-id": ("รหัส", "Id"),
    "template.book.col.question": (
        "ประเด็นที่ต้องปรับปรุงแก้ไข/พัฒนา (ตัวชี้วัด ข้อคำถาม)",
        "Issue to improve (indicator, question)",
    ),
    "template.book.col.steps": ("ขั้นตอนหรือวิธีการ/มาตรการ", "Steps / measure"),
    "template.book.col.reporting": (
        "การรายงานผลและการกำกับติดตาม กำหนดเวลาแล้วเสร็จ",
        "Reporting and follow-up, deadline",
    ),
    "template.book.col.due": ("กำหนดเวลาในรอบนี้", "Due in this round"),
    "template.book.col.status": ("สถานะ", "Status"),
    "template.book.col.action-date": ("วันที่ดำเนินการ", "Date done"),
    "template.book.col.result": ("ผลการดำเนินการ", "Result"),
    "template.book.col.evidence": ("หลักฐาน (เลขที่หนังสือ/ลิงก์)", "Evidence (document no./link)"),
    "template.book.col.note": ("หมายเหตุ", "Note"),
    # due texts
    "template.book.due.event": ("เมื่อมีเหตุการณ์", "When the event happens"),
    "template.book.due.once": ("ภายใน {date}", "By {date}"),
    "template.book.due.next-round": ("{date} (รอบถัดไป)", "{date} (next round)"),
    "template.book.due.next-round-recurring": ("ครั้งถัดไป {date} ในรอบถัดไป", "next {date}, in the next round"),
    "template.book.due.later": ("ครั้งถัดไป {date} (รอบถัดไป)", "next {date} (next round)"),
    "template.book.due.last-in-round": ("ครั้งสุดท้ายของรอบ {date}", "last of the round {date}"),
    "template.book.due.only-in-round": ("ในรอบนี้ {date}", "this round {date}"),
    "template.book.due.until": ("ตลอดรอบ ถึง {date}", "throughout the round, until {date}"),
    "template.book.rhythm.daily": ("เป็นประจำทุกวัน", "Every day"),
    "template.book.rhythm.monthly": ("ทุกเดือน ภายในสิ้นเดือน", "Every month, by the month's end"),
    "template.book.rhythm.monthly-day": (
        "ทุกเดือน ภายในวันที่ {day} ของเดือน",
        "Every month, by day {day}",
    ),
    "template.book.rhythm.quarterly": ("ทุกไตรมาส ภายในสิ้นไตรมาส", "Every quarter, by the quarter's end"),
    "template.book.rhythm.twice-yearly": (
        "ปีละ ๒ ครั้ง ภายในสิ้นเดือน{months}",
        "Twice a year, by the end of {months}",
    ),
    "template.book.rhythm.yearly": ("ปีละครั้ง ภายในสิ้นเดือน{months}", "Once a year, by the end of {months}"),
    "template.book.rhythm.and": (" และเดือน", " and "),
    # validations (titles at most 32 characters, messages at most 255)
    "template.book.val.status.title": ("เลือกสถานะ", "Pick a status"),
    "template.book.val.status.input": (
        "เลือกจากรายการ (คลิกลูกศรทางขวาของช่อง) ความหมายของแต่ละสถานะอยู่ในแผ่นงาน 'คำชี้แจง'",
        "Pick from the list (the arrow at the right of the cell); the meanings are on the instructions sheet.",
    ),
    "template.book.val.status.error-title": ("สถานะไม่ถูกต้อง", "Not a status"),
    "template.book.val.status.error": (
        "กรุณาเลือกสถานะจากรายการเท่านั้น: {labels}",
        "Pick a status from the list only: {labels}",
    ),
    "template.book.val.date.title": ("วันที่ (วัน/เดือน/ปี พ.ศ.)", "Date (d/m/BE year)"),
    "template.book.val.date.input": (
        "พิมพ์ วัน/เดือน/ปี พ.ศ. เช่น 3/10/2565 แล้วกด Enter เซลล์จะแสดงเป็น 3 ตุลาคม 2565 ถ้าทำหลายครั้ง ใส่ครั้งล่าสุด",
        "Type day/month/BE year, e.g. 3/10/2565, then Enter; the cell shows 3 ตุลาคม 2565. "
        "If done several times, the latest.",
    ),
    "template.book.val.log-date.input": (
        "พิมพ์ วัน/เดือน/ปี พ.ศ. เช่น 3/10/2565 แล้วกด Enter เซลล์จะแสดงเป็น 3 ตุลาคม 2565",
        "Type day/month/BE year, e.g. 3/10/2565, then Enter; the cell shows 3 ตุลาคม 2565.",
    ),
    "template.book.val.date.error-title": ("วันที่ไม่ถูกต้อง", "Not a valid date"),
    "template.book.val.date.error": (
        "ต้องเป็นวันที่ระหว่าง {start} ถึง {end} พิมพ์เป็น วัน/เดือน/ปี พ.ศ. เช่น 3/10/2565 "
        "(ถ้าพิมพ์ตัวเลขไทยแล้วไม่รับ ให้ใช้ตัวเลข 0-9)",
        "Must be a date between {start} and {end}; type day/month/BE year, e.g. 3/10/2565 (if Thai digits "
        "are refused, use 0-9).",
    ),
    "template.book.val.result.title": ("ผลการดำเนินการ", "Result"),
    "template.book.val.result.input": (
        "เขียนสิ่งที่ทำแล้วและผลที่ได้ เช่น จัดประชุมชี้แจงเจ้าหน้าที่ ๑๒ คน",
        "What was done and its outcome, e.g. a briefing for 12 staff.",
    ),
    "template.book.val.evidence.title": ("หลักฐาน", "Evidence"),
    "template.book.val.evidence.input": (
        "เลขที่หนังสือ คำสั่ง รายงานการประชุม หรือลิงก์เว็บไซต์ที่เผยแพร่",
        "Document or order number, meeting minutes, or the web link where it was published.",
    ),
    "template.book.val.note.title": ("หมายเหตุ", "Note"),
    "template.book.val.note.input": (
        "เหตุผลเมื่อยังไม่ดำเนินการหรือไม่เกี่ยวข้อง หรือข้อมูลอื่นที่ควรทราบ",
        "Why it was not done or does not apply, or anything else worth knowing.",
    ),
    "template.book.val.log-measure.title": ("รหัสมาตรการ", "Measure id"),
    "template.book.val.log-measure.input": (
        "เลือกรหัสมาตรการจากรายการ (ดูรหัสได้ที่คอลัมน์ 'รหัส' ของแผ่นงาน '{sheet}')",
        "Pick the measure id from the list (the ids are in the column 'รหัส' of the sheet '{sheet}').",
    ),
    "template.book.val.log-measure.error-title": ("รหัสมาตรการไม่ถูกต้อง", "Unknown measure id"),
    "template.book.val.log-measure.error": (
        "กรุณาเลือกรหัสมาตรการจากรายการเท่านั้น",
        "Pick a measure id from the list only.",
    ),
    "template.book.val.log-detail.title": ("สิ่งที่ดำเนินการ", "What was done"),
    "template.book.val.log-detail.input": (
        "เขียนสิ่งที่ทำในครั้งนี้ เช่น ประชุมประจำเดือน ครั้งที่ ๑/๒๕๖๖",
        "What was done this time, e.g. monthly meeting no. 1/2566.",
    ),
    # --- workbook: activity log -----------------------------------------------------------------
    "template.book.log.title": (
        "บันทึกการดำเนินการของมาตรการที่ทำเป็นประจำ · {division} · {round}",
        "Activity log of recurring measures · {division} · {round}",
    ),
    "template.book.log.note": (
        "บันทึกหนึ่งแถวต่อการดำเนินการหนึ่งครั้ง (เช่น ทำทุกเดือน ๖ ครั้ง กรอก ๖ แถว) "
        "มาตรการที่ทำเป็นประจำหรือตามเหตุการณ์ของหน่วยงานนี้: {measures}",
        "One row per time a measure was done (monthly, six times: six rows). This division's recurring or "
        "event-driven measures: {measures}",
    ),
    "template.book.log.note-none": (
        "บันทึกหนึ่งแถวต่อการดำเนินการหนึ่งครั้ง หน่วยงานนี้ไม่มีมาตรการที่กำหนดให้ทำเป็นประจำ "
        "ใช้แผ่นงานนี้เมื่อทำมาตรการใดมากกว่าหนึ่งครั้ง",
        "One row per time a measure was done. This division has no recurring measure; use this sheet when a "
        "measure was done more than once.",
    ),
    "template.book.log.col.number": ("ลำดับ", "No."),
    "template.book.log.col.measure": ("รหัสมาตรการ", "Measure id"),
    "template.book.log.col.date": ("วันที่ดำเนินการ", "Date"),
    "template.book.log.col.detail": ("สิ่งที่ดำเนินการ", "What was done"),
    "template.book.log.col.evidence": ("หลักฐาน (เลขที่หนังสือ/ลิงก์)", "Evidence (document no./link)"),
    # --- password file --------------------------------------------------------------------------
    "template.password-file-note": (
        "# บรรทัดแรกคือรหัสผ่านปลดล็อกแผ่นงานของแบบรายงาน ITA ในโฟลเดอร์นี้ เก็บไว้ใช้เอง ไม่ต้องส่งให้หน่วยงาน",
        "# The first line is the password that unprotects the sheets of the ITA workbooks in this folder; "
        "keep it, do not send it to the divisions.",
    ),
}
