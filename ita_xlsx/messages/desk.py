"""Messages of the coordinator's desk (``ita-xlsx serve``): its pages and its lines on the terminal."""

MESSAGES = {
    # -- the command ------------------------------------------------------------------------------
    "desk.serve.started": (
        "เปิดโต๊ะผู้ประสานงานในเบราว์เซอร์ที่ที่อยู่ด้านบน (เฉพาะเครื่องนี้) · กด Ctrl-C เพื่อหยุด",
        "The coordinator's desk is at the address above (this machine only) · press Ctrl-C to stop",
    ),
    "desk.serve.stopped": ("ปิดโต๊ะผู้ประสานงานแล้ว", "The coordinator's desk has stopped."),
    "desk.serve.not-folder": (
        "{path} ไม่ใช่โฟลเดอร์ ระบุโฟลเดอร์ที่เก็บไฟล์ที่หน่วยงานส่งกลับ (จะสร้างให้ถ้ายังไม่มี)",
        "{path} is not a folder: give the folder that holds the returned files (made if missing).",
    ),
    "desk.serve.port-busy": (
        "เปิดเซิร์ฟเวอร์ที่ {host}:{port} ไม่ได้ ({reason}) ลองระบุ --port อื่น หรือ --port 0 ให้เลือกเอง",
        "Could not listen on {host}:{port} ({reason}). Try another --port, or --port 0 to pick a free one.",
    ),
    "desk.serve.not-local": (
        "คำเตือน: เปิดให้เครื่องอื่นในเครือข่ายเข้าได้ที่ {host} ทุกคำขอยังต้องมีรหัสลับในที่อยู่",
        "Warning: listening on {host}, reachable from other machines; every request still needs the token.",
    ),
    "desk.serve.out-in-folder": (
        "โฟลเดอร์ผลลัพธ์ {out} ต้องไม่อยู่ในโฟลเดอร์ไฟล์ที่ส่งกลับ {folder}",
        "The output folder {out} must not lie inside the folder of returned files {folder}.",
    ),
    # -- every page -------------------------------------------------------------------------------
    "desk.title": ("โต๊ะผู้ประสานงาน ITA", "ITA coordinator's desk"),
    "desk.nav.board": ("ภาพรวมของรอบ", "The round"),
    "desk.nav.outputs": ("ไฟล์ผลลัพธ์", "Outputs"),
    "desk.back": ("กลับไปหน้าภาพรวม", "Back to the round"),
    "desk.heading": (
        "{office} · ปีงบประมาณ {year} · {round}",
        "{office} · fiscal year {year} · {round}",
    ),
    "desk.plan": ("แผน: {plan}", "Plan: {plan}"),
    "desk.as-of": ("ข้อมูล ณ วันที่ {date}", "As of {date}"),
    "desk.return-by": ("กำหนดส่งคืน {date}", "Return by {date}"),
    "desk.no-return-by": ("แผนไม่ได้กำหนดวันส่งคืนของรอบนี้", "The plan sets no return date for this round"),
    "desk.folder": ("โฟลเดอร์ไฟล์ที่ส่งกลับ: {path}", "Returned files: {path}"),
    # -- the board --------------------------------------------------------------------------------
    "desk.divisions.title": ("หน่วยงาน", "Divisions"),
    "desk.col.division": ("หน่วยงาน", "Division"),
    "desk.col.state": ("สถานะ", "State"),
    "desk.col.came": ("ได้รับเมื่อ", "Came"),
    "desk.col.timeliness": ("ตามกำหนด", "On time"),
    "desk.col.file": ("ไฟล์", "File"),
    "desk.col.actions": ("ทำต่อ", "Next"),
    "desk.col.sheet": ("แผ่นงาน", "Sheet"),
    "desk.col.cell": ("เซลล์", "Cell"),
    "desk.col.severity": ("ระดับ", "Severity"),
    "desk.col.problem": ("ปัญหาและสิ่งที่ต้องทำ", "Problem and what to do"),
    "desk.col.size": ("ขนาด", "Size"),
    "desk.state.not_received": ("ยังไม่ได้รับ", "not received"),
    "desk.state.received": (
        "ได้รับแล้ว: ข้อผิดพลาด {errors} · คำเตือน {warnings}",
        "received: {errors} error(s) · {warnings} warning(s)",
    ),
    "desk.file.counts": (
        "ข้อผิดพลาด {errors} · คำเตือน {warnings}",
        "{errors} error(s) · {warnings} warning(s)",
    ),
    "desk.state.rejected": ("ส่งมาแต่ใช้ไม่ได้: {reason}", "sent but not usable: {reason}"),
    "desk.state.accepted": ("รับรองแล้ว", "accepted"),
    "desk.on-time": ("ทันกำหนด", "on time"),
    "desk.late": ("ช้ากว่ากำหนด {days} วัน", "{days} day(s) late"),
    "desk.see-problems": ("ดูปัญหา", "See problems"),
    "desk.unmatched.title": (
        "ไฟล์ที่ใช้ไม่ได้ และไม่ทราบว่าเป็นของหน่วยงานใด",
        "Files that cannot be used and name no division",
    ),
    "desk.figures.title": ("ผลรวมของรอบ", "The consolidated figures"),
    "desk.fig.percent": ("ดำเนินการแล้ว", "done"),
    "desk.fig.records": ("รายการ (มาตรการ × หน่วยงาน)", "records (measure × division)"),
    "desk.fig.done": ("ดำเนินการแล้ว/เป็นประจำ", "done or ongoing"),
    "desk.fig.overdue": ("เกินกำหนด", "overdue"),
    "desk.fig.due_soon": ("ใกล้ถึงกำหนด", "due soon"),
    "desk.fig.missing": ("ยังไม่ได้รายงาน", "not reported"),
    "desk.fig.files": ("ไฟล์ที่ใช้ได้ / ใช้ไม่ได้", "files usable / not usable"),
    "desk.fig.problems": ("ข้อผิดพลาด / คำเตือน", "errors / warnings"),
    # -- receiving --------------------------------------------------------------------------------
    "desk.receive.title": ("รับไฟล์ที่หน่วยงานส่งกลับ", "Receive returned files"),
    "desk.receive.hint": (
        "ลากไฟล์มาวางที่นี่ หรือกดเลือกไฟล์: แบบรายงาน .xlsx ไฟล์ .zip หรืออีเมลที่บันทึกไว้ (.eml)",
        "Drop files here or choose them: .xlsx workbooks, .zip files or saved e-mails (.eml)",
    ),
    "desk.receive.button": ("รับไฟล์และตรวจ", "Receive and check"),
    "desk.received.title": ("ไฟล์ที่เพิ่งได้รับ", "Files just received"),
    "desk.received.saved": ("บันทึกไว้เป็น {name}", "Saved as {name}"),
    "desk.received.copy": (
        "มีไฟล์ชื่อ {original} อยู่แล้ว จึงบันทึกเป็นสำเนาชื่อ {name} (ไม่เขียนทับไฟล์เดิม)",
        "A file named {original} was there already: saved as the copy {name} (nothing overwritten)",
    ),
    "desk.received.nothing": ("ไม่ได้เลือกไฟล์ใด", "No file was chosen."),
    "desk.received.refused": ("ไม่ได้บันทึก {name}", "{name} was not saved"),
    "desk.file.title": ("ไฟล์ {name}", "File {name}"),
    "desk.file.division": ("ของ {division}", "from {division}"),
    "desk.file.used": ("ใช้ไฟล์นี้ในการรวมผล", "This file is used in the consolidation"),
    "desk.file.superseded": (
        "ไม่ได้ใช้ไฟล์นี้ เพราะมีไฟล์ที่ใหม่กว่าของหน่วยงานเดียวกัน: {name}",
        "Not used: the same division sent a newer file, {name}",
    ),
    "desk.file.rejected": ("ใช้ไฟล์นี้ไม่ได้", "This file cannot be used"),
    "desk.file.skipped": ("ข้ามไฟล์นี้ (ไม่ต้องดำเนินการ)", "Skipped (nothing to do)"),
    "desk.file.clean": ("ไม่พบปัญหาในไฟล์นี้", "No problem found in this file"),
    "desk.file.gone": (
        "ไม่พบไฟล์ {name} ในโฟลเดอร์แล้ว",
        "{name} is no longer in the folder",
    ),
    "desk.files.title": ("ไฟล์ทั้งหมดในโฟลเดอร์", "Every file in the folder"),
    "desk.files.none": ("ยังไม่มีไฟล์ในโฟลเดอร์", "No file in the folder yet"),
    # -- actions ----------------------------------------------------------------------------------
    "desk.actions.title": ("งานของรอบ", "Actions"),
    "desk.action.write": ("เขียนไฟล์สรุปผลรวม", "Write the consolidated workbook"),
    "desk.action.write-pdf": ("เขียนไฟล์สรุปผลรวมและ PDF", "Write the consolidated workbook and PDF"),
    "desk.action.feedback": ("เขียนไฟล์ให้แก้ไข", "Write feedback workbooks"),
    "desk.action.feedback-one": ("ไฟล์ให้แก้ไข", "Feedback"),
    "desk.action.remind-drafts": ("เขียนอีเมลเตือน (ฉบับร่าง .eml)", "Write reminders as drafts (.eml)"),
    "desk.action.remind-send": ("ส่งอีเมลเตือนเลย", "Send the reminders now"),
    "desk.action.accept": ("รับรอง", "Accept"),
    "desk.action.reopen": ("เปิดให้แก้ไขอีกครั้ง", "Reopen"),
    "desk.done.title": ("ผลการทำงาน", "Done"),
    "desk.done.wrote": ("เขียนไฟล์แล้ว:", "Written:"),
    "desk.done.feedback-none": (
        "ไม่มีหน่วยงานที่ต้องแก้ไขไฟล์",
        "No division needs a feedback workbook.",
    ),
    "desk.done.remind-none": ("ไม่มีหน่วยงานที่ต้องเตือน", "No division to remind."),
    "desk.done.remind-sent": ("ส่งแล้ว {sent} จาก {total} ฉบับ", "Sent {sent} of {total}."),
    "desk.done.remind-sent-one": ("ส่งถึง {label}: {to}", "Sent to {label}: {to}"),
    "desk.done.remind-failed": ("ส่งถึง {label} ไม่สำเร็จ", "Could not send to {label}"),
    "desk.done.problems": ("สิ่งที่ควรทราบ", "To note"),
    # -- the office store -------------------------------------------------------------------------
    "desk.store.none": (
        "การรับรองหน่วยงาน การเปิดให้แก้ไขอีกครั้ง และประวัติการส่ง ต้องใช้ที่เก็บข้อมูลของสำนักงาน (ระบุด้วย --store) ซึ่งรุ่นนี้ยังไม่มี",
        "Accepting or reopening a division, and the history of returns, need the office store "
        "(given with --store), which this version does not keep yet.",
    ),
    "desk.store.not-kept": (
        "ระบุที่เก็บข้อมูล {path} ไว้แล้ว แต่รุ่นนี้ยังไม่เก็บการรับรองและประวัติ จึงยังรับรองหรือเปิดให้แก้ไขอีกครั้งไม่ได้",
        "The store {path} was given, but this version does not keep acceptances or history yet: "
        "a division cannot be accepted or reopened.",
    ),
    # -- outputs ----------------------------------------------------------------------------------
    "desk.outputs.title": ("ไฟล์ผลลัพธ์", "Outputs"),
    "desk.outputs.folder": ("โฟลเดอร์ผลลัพธ์: {path}", "Output folder: {path}"),
    "desk.outputs.none": ("ยังไม่มีไฟล์ผลลัพธ์", "No output yet"),
    "desk.download": ("ดาวน์โหลด", "Download"),
    # -- refusals and errors ----------------------------------------------------------------------
    "desk.error.title": ("ทำรายการไม่ได้", "Cannot do that"),
    "desk.error.internal": (
        "โปรแกรมผิดพลาดภายใน ไม่มีไฟล์ใดเสียหาย กรุณาลองอีกครั้ง ถ้ายังผิดพลาด แจ้งผู้ดูแลระบบพร้อมข้อความในหน้าต่างคำสั่ง",
        "Internal error; no file was damaged. Try again; if it happens again, report it with what the "
        "command window shows.",
    ),
    "desk.error.token": (
        "ต้องเปิดหน้านี้จากที่อยู่ที่แสดงในหน้าต่างคำสั่ง (มีรหัสลับ ?token=…) เท่านั้น",
        "Open this page from the address shown in the command window (it carries ?token=…).",
    ),
    "desk.error.host": (
        "ที่อยู่ {host} ไม่ใช่ของโต๊ะผู้ประสานงาน ใช้ที่อยู่ที่แสดงในหน้าต่างคำสั่ง",
        "{host} is not the desk's address: use the address shown in the command window.",
    ),
    "desk.error.origin": (
        "ปฏิเสธคำขอที่มาจากหน้าเว็บอื่น ทำรายการจากหน้าของโต๊ะผู้ประสานงานเท่านั้น",
        "Refused a request that came from another page: act from the desk's own pages only.",
    ),
    "desk.error.too-large": (
        "ไฟล์ที่ส่งมาครั้งนี้รวมกันใหญ่เกินไป (เกิน {limit_mb} MB) ส่งทีละน้อยไฟล์",
        "The files sent at once are too large (over {limit_mb} MB): send fewer at a time.",
    ),
    "desk.error.not-found": ("ไม่พบหน้าหรือไฟล์ที่ต้องการ", "No such page or file."),
    "desk.error.method": ("ทำรายการนี้ด้วยวิธีนี้ไม่ได้", "That cannot be done this way."),
    "desk.error.bad-request": ("คำขอไม่ถูกต้อง", "The request is not valid."),
    "desk.error.no-division": ("ไม่มีหน่วยงาน {division} ในแผน", "The plan has no division {division}."),
}
