"""Messages of the feedback workbooks (what a division must fix) and of ``ita-xlsx feedback``."""

MESSAGES = {
    # the sheet listing what to fix
    "feedback.sheet.title": (
        "สิ่งที่ต้องแก้ไข: {division} · {round} ปีงบประมาณ พ.ศ. {year}",
        "What to fix: {division} · {round}, fiscal year {year}",
    ),
    "feedback.sheet.replaces": (
        "ไฟล์นี้ใช้แทนไฟล์ที่ส่งมาก่อนหน้านี้ ({source}) ข้อมูลที่กรอกไว้ถูกใส่ไว้ให้แล้ว "
        "กรุณาแก้ไขเซลล์ที่ระบายสีและมีความคิดเห็นกำกับ ตามรายการด้านล่าง",
        "This file replaces the one sent before ({source}); what was filled in is already in it. "
        "Correct the coloured cells that carry a comment, as listed below.",
    ),
    "feedback.sheet.send-back": (
        "เมื่อแก้ไขแล้ว {return_text} (ไม่ต้องส่งไฟล์เดิมอีก)",
        "When corrected: {return_text} (do not send the old file again).",
    ),
    "feedback.sheet.legend-error": ("สีแดง: ต้องแก้ไข", "Red: must be corrected"),
    "feedback.sheet.legend-warning": (
        "สีส้ม: กรุณาตรวจสอบ และแก้ไขหากไม่ถูกต้อง",
        "Orange: please check, and correct it if it is wrong",
    ),
    "feedback.col.number": ("ลำดับ", "No."),
    "feedback.col.measure": ("มาตรการ", "Measure"),
    "feedback.col.field": ("ช่อง", "Field"),
    "feedback.col.problem": ("ปัญหา", "Problem"),
    "feedback.col.where": ("ตำแหน่งในไฟล์นี้", "Where in this file"),
    "feedback.field.locked": ("{field} (ช่องที่ล็อกไว้)", "{field} (locked)"),
    "feedback.field.row": ("ทั้งแถว", "The whole row"),
    "feedback.field.file": ("ทั้งไฟล์", "The whole file"),
    "feedback.field.sheet": ("ทั้งแผ่นงาน '{sheet}'", "The whole sheet '{sheet}'"),
    "feedback.field.sent-cell": ("เซลล์ {cell} ในไฟล์ที่ส่งมา", "Cell {cell} of the file sent"),
    "feedback.field.log": ("{sheet} ลำดับที่ {number}: {field}", "{sheet}, row {number}: {field}"),
    "feedback.field.log-sent": (
        "{sheet} เซลล์ {cell} ในไฟล์ที่ส่งมา",
        "{sheet}, cell {cell} of the file sent",
    ),
    "feedback.where.none": ("—", "—"),
    # comments on the marked cells
    "feedback.comment.author": ("ผู้ตรวจแบบรายงาน", "Reviewer"),
    "feedback.comment.locked": (
        "ช่อง '{field}' ที่ล็อกไว้: {message}",
        "Locked field '{field}': {message}",
    ),
    # the command
    "feedback.summary": (
        "เขียนไฟล์ให้หน่วยงานแก้ไข {count} ไฟล์ ไว้ที่ {out} ส่งแต่ละไฟล์ให้หน่วยงานนั้นแก้ไขแล้วส่งกลับ",
        "Wrote {count} feedback workbook(s) into {out}; send each to its division to correct and return.",
    ),
    "feedback.none-needed": (
        "ไม่มีหน่วยงานที่ต้องแก้ไข ไม่ได้เขียนไฟล์ใด",
        "No division needs feedback; nothing was written.",
    ),
    "feedback.rejected": (
        "ไฟล์ที่ไม่ได้ใช้ {count} ไฟล์ (ดูเหตุผลด้านบน) ไม่มีไฟล์ให้แก้ไข ให้หน่วยงานนั้นส่งไฟล์ใหม่",
        "{count} file(s) not used (reasons above): no feedback workbook; ask the division to send again.",
    ),
    "feedback.out-is-input": (
        "โฟลเดอร์ผลลัพธ์ {path} อยู่ในโฟลเดอร์ที่อ่านไฟล์ กรุณาเลือกโฟลเดอร์อื่น",
        "The output folder {path} lies in an input folder; choose another folder.",
    ),
}
