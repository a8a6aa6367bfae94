"""Messages about returned files before they are read: type, size, damage, hostile packages."""

_RESEND = "แล้วส่งใหม่อีกครั้ง"
_SEND_XLSX = "กรุณาส่งแบบฟอร์ม ITA ที่กรอกแล้วเป็นไฟล์ Excel (.xlsx)"
_SAVE_AS_XLSX = "กรุณาเปิดไฟล์ใน Excel แล้วเลือก บันทึกเป็น > เวิร์กบุ๊ก Excel (*.xlsx)"

MESSAGES = {
    "intake-empty": (
        f"ไฟล์นี้ว่างเปล่า (0 ไบต์) อาจบันทึกหรือคัดลอกไม่สำเร็จ กรุณาเปิดไฟล์ต้นฉบับใน Excel ตรวจว่ามีข้อมูล บันทึก{_RESEND}",
        "The file is empty (0 bytes): it was probably not saved or copied completely. "
        "Open the original in Excel, check the data is there, save it and send it again.",
    ),
    "intake-too-large": (
        "ไฟล์นี้ใหญ่เกินไป ({size_mb} MB เกินขีดจำกัด {limit_mb} MB) "
        f"กรุณาลบแผ่นงาน รูปภาพ หรือข้อมูลที่ไม่เกี่ยวข้องออก บันทึก{_RESEND}",
        "The file is too large ({size_mb} MB; the limit is {limit_mb} MB). "
        "Remove sheets, pictures or data that do not belong to the form, save it and send it again.",
    ),
    "intake-encrypted": (
        "ไฟล์นี้มีรหัสผ่าน ระบบจึงเปิดอ่านไม่ได้ กรุณาเอารหัสผ่านออก "
        "(ไฟล์ > ข้อมูล > ป้องกันเวิร์กบุ๊ก > เข้ารหัสด้วยรหัสผ่าน แล้วลบรหัสผ่านให้ว่าง) "
        f"บันทึกเป็น .xlsx แบบไม่มีรหัสผ่าน {_RESEND}",
        "The file is protected with a password, so it cannot be read. Remove the password "
        "(File > Info > Protect Workbook > Encrypt with Password, clear it), save as .xlsx and send it again.",
    ),
    "intake-xls": (
        f"ไฟล์นี้เป็น Excel รุ่นเก่า (.xls) ซึ่งระบบอ่านไม่ได้ {_SAVE_AS_XLSX} {_RESEND}",
        "This is an old-format Excel file (.xls), which cannot be read. "
        "Open it in Excel, choose Save As > Excel Workbook (*.xlsx) and send the .xlsx file.",
    ),
    "intake-ole-other": (
        f"ไฟล์นี้เป็น{{what_th}} ไม่ใช่ไฟล์ Excel {_SEND_XLSX}",
        "This is {what_en}, not an Excel workbook. Send the filled-in ITA form as an Excel file (.xlsx).",
    ),
    "intake-xlsb": (
        f"ไฟล์นี้บันทึกเป็นเวิร์กบุ๊กไบนารีของ Excel (.xlsb) ซึ่งระบบอ่านไม่ได้ {_SAVE_AS_XLSX} {_RESEND}",
        "This is an Excel Binary Workbook (.xlsb), which cannot be read. "
        "Open it in Excel, choose Save As > Excel Workbook (*.xlsx) and send it again.",
    ),
    "intake-ods": (
        "ไฟล์นี้เป็นสเปรดชีต OpenDocument (.ods) จาก LibreOffice หรือ OpenOffice "
        f"กรุณาเลือก บันทึกเป็น > Excel 2007-365 (.xlsx) {_RESEND}",
        "This is an OpenDocument spreadsheet (.ods) from LibreOffice or OpenOffice. "
        "Use Save As > Excel 2007-365 (.xlsx) and send it again.",
    ),
    "intake-not-spreadsheet-zip": (
        f"ไฟล์นี้เป็น{{what_th}} ไม่ใช่ไฟล์ Excel {_SEND_XLSX}",
        "This is {what_en}, not an Excel workbook. Send the filled-in ITA form as an Excel file (.xlsx).",
    ),
    "intake-pdf": (
        f"ไฟล์นี้เป็น PDF ไม่ใช่ไฟล์ Excel ระบบอ่านข้อมูลจาก PDF ไม่ได้ {_SEND_XLSX}",
        "This is a PDF, not an Excel workbook; data cannot be read from a PDF. "
        "Send the filled-in ITA form as an Excel file (.xlsx).",
    ),
    "intake-image": (
        f"ไฟล์นี้เป็นรูปภาพ ({{format}}) ไม่ใช่ไฟล์ Excel ระบบอ่านข้อมูลจากภาพถ่ายหรือภาพหน้าจอไม่ได้ {_SEND_XLSX}",
        "This is a picture ({format}), not an Excel workbook; data cannot be read from a photo or "
        "screenshot. Send the filled-in ITA form as an Excel file (.xlsx).",
    ),
    "intake-csv-or-text": (
        "ไฟล์นี้เป็นไฟล์ข้อความ (เช่น CSV หรือ HTML) ไม่ใช่เวิร์กบุ๊ก Excel "
        f"กรุณากรอกข้อมูลในแบบฟอร์ม ITA ที่ได้รับ บันทึกเป็น .xlsx {_RESEND}",
        "This is a text file (such as CSV or HTML), not an Excel workbook. "
        "Fill in the ITA form you were sent, save it as .xlsx and send it again.",
    ),
    "intake-unknown-type": (
        f"ระบบไม่รู้จักชนิดของไฟล์นี้ และไม่ใช่ไฟล์ Excel {_SEND_XLSX}",
        "This file is of an unknown type and is not an Excel workbook. "
        "Send the filled-in ITA form as an Excel file (.xlsx).",
    ),
    "intake-truncated": (
        "ไฟล์นี้เสียหายหรือไม่สมบูรณ์ (อาจดาวน์โหลดหรือคัดลอกมาไม่ครบ) "
        f"กรุณาเปิดไฟล์ต้นฉบับใน Excel ตรวจว่าเปิดได้ บันทึกใหม่ {_RESEND}",
        "The file is damaged or incomplete (perhaps not fully downloaded or copied): {detail}. "
        "Open the original in Excel, check that it opens, save it again and send it.",
    ),
    "intake-zip-bomb": (
        "ไฟล์นี้มีโครงสร้างผิดปกติ ข้อมูลภายในขยายตัวใหญ่เกินกว่าจะเปิดได้อย่างปลอดภัย ระบบจึงไม่เปิด "
        f"กรุณาบันทึกแบบฟอร์มใหม่จาก Excel {_RESEND} หากไม่ได้ส่งไฟล์นี้เอง โปรดแจ้งผู้ดูแลระบบ",
        "The file is abnormal: its content ({entry}) inflates beyond what can be opened safely ({detail}), "
        "so it was not opened. Save the form again from Excel and resend it; if you did not send this "
        "file, tell the administrator.",
    ),
    "intake-zip-too-many-entries": (
        "ไฟล์นี้มีไฟล์ย่อยข้างใน {count} รายการ เกินขีดจำกัด {limit} รายการ "
        "กรุณาส่งเฉพาะแบบฟอร์ม ITA ที่เป็นไฟล์ Excel (.xlsx)",
        "The file holds {count} entries, more than the limit of {limit}. "
        "Send only the ITA form as an Excel file (.xlsx).",
    ),
    "intake-zip-unsafe-name": (
        f"ไฟล์นี้มีไฟล์ย่อยที่ชื่อไม่ปลอดภัย ({{entry}}) ระบบจึงไม่เปิด กรุณาบันทึกแบบฟอร์มใหม่จาก Excel หรือบีบอัดใหม่ {_RESEND}",
        "The file holds an entry with an unsafe name ({entry}), so it was not opened. "
        "Save the form again from Excel (or zip it again) and send it.",
    ),
    "intake-zip-duplicate-name": (
        f"ไฟล์นี้มีไฟล์ย่อยชื่อซ้ำกัน ({{entry}}) จึงอ่านได้ไม่แน่นอน กรุณาเปิดใน Excel บันทึกใหม่ {_RESEND}",
        "The file holds two entries with the same name ({entry}), so its content is ambiguous. "
        "Open it in Excel, save it again and send it.",
    ),
    "intake-zip-encrypted-entry": (
        "ไฟล์ zip นี้ใส่รหัสผ่านไว้ (ไฟล์ย่อย {entry}) ระบบจึงเปิดไม่ได้ "
        f"กรุณาบีบอัดใหม่แบบไม่ใส่รหัสผ่าน หรือแนบไฟล์ .xlsx โดยตรง {_RESEND}",
        "The zip is password-protected (entry {entry}), so it cannot be opened. "
        "Zip it again without a password, or attach the .xlsx file itself, and send it again.",
    ),
    "intake-zip-unsupported-compression": (
        "ไฟล์ย่อย {entry} ถูกบีบอัดด้วยวิธีที่ระบบไม่รองรับ ({method}) "
        "กรุณาบีบอัดใหม่ด้วยคำสั่ง ส่งไปยัง > โฟลเดอร์ที่บีบอัด (zipped) ของ Windows "
        f"หรือแนบไฟล์ .xlsx โดยตรง {_RESEND}",
        "Entry {entry} is compressed with an unsupported method ({method}). Zip it again with "
        "Windows' Send to > Compressed (zipped) folder, or attach the .xlsx file itself, and send it again.",
    ),
    "intake-strict-ooxml": (
        "ไฟล์นี้บันทึกเป็นชนิด Strict Open XML Spreadsheet ซึ่งระบบอ่านไม่ได้ "
        f"{_SAVE_AS_XLSX} (ชนิดปกติ ไม่ใช่ Strict) {_RESEND}",
        "The file was saved as a Strict Open XML Spreadsheet, which cannot be read. "
        'Open it in Excel, choose Save As > "Excel Workbook (*.xlsx)" (not Strict) and send it again.',
    ),
    "intake-timeout": (
        "ระบบใช้เวลาตรวจไฟล์นี้นานเกินกำหนดจึงหยุดตรวจ "
        f"กรุณาตรวจว่าเป็นแบบฟอร์ม ITA ที่ถูกต้อง ลบข้อมูลที่ไม่เกี่ยวข้องออก {_RESEND}",
        "Checking this file took too long and was stopped. "
        "Make sure it is the right ITA form, remove anything that does not belong, and send it again.",
    ),
    "intake-unreadable": (
        "ระบบอ่านไฟล์นี้ไม่ได้ ({reason}) กรุณาตรวจสิทธิ์การเข้าถึงไฟล์ หรือคัดลอกไฟล์มาใหม่",
        "The file cannot be read ({reason}). Check the permissions, or copy the file again.",
    ),
    "intake-not-found": (
        "ไม่พบไฟล์หรือโฟลเดอร์นี้ กรุณาตรวจชื่อและตำแหน่งที่ระบุ",
        "No such file or folder: check the name and the location given.",
    ),
    "intake-too-deep": (
        "ไฟล์นี้ซ้อนอยู่ในไฟล์ zip หรืออีเมลหลายชั้นเกินไป (เกิน {limit} ชั้น) ระบบจึงไม่เปิด "
        f"กรุณาแนบไฟล์ .xlsx โดยตรง {_RESEND}",
        "The file is nested too deeply in zips or mails (more than {limit} levels), so it was not "
        "opened. Attach the .xlsx file itself and send it again.",
    ),
    "intake-own-password-file": (
        "ไฟล์นี้เก็บรหัสผ่านของแบบรายงานที่ ita-xlsx สร้าง ไม่ใช่แบบรายงานของหน่วยงาน จึงข้ามไป "
        "ไม่ต้องดำเนินการใด ๆ (ไม่ควรส่งไฟล์นี้ให้หน่วยงาน)",
        "This file keeps the password of the workbooks ita-xlsx wrote, not a division's return: "
        "skipped, nothing to do (do not send it to divisions)",
    ),
    "intake-own-mail": (
        "อีเมลนี้เป็นหนังสือแจ้งเตือนหรือร่างอีเมลที่ ita-xlsx เขียน ไม่ใช่แบบรายงานที่ส่งกลับ จึงข้ามไป ไม่ต้องดำเนินการใด ๆ",
        "This mail is a reminder or a draft written by ita-xlsx, not a returned report: skipped, nothing to do",
    ),
    "intake-own-feedback": (
        "ไฟล์นี้เป็นไฟล์ส่งกลับให้แก้ไขที่ ita-xlsx feedback สร้าง และยังไม่มีผู้ใดแก้ไขและบันทึก "
        "จึงไม่ใช่แบบรายงานที่ส่งกลับ ข้ามไป ไม่ต้องดำเนินการใด ๆ",
        "This is a feedback workbook written by ita-xlsx feedback that nobody has edited and saved yet, "
        "so not a returned report: skipped, nothing to do",
    ),
    "intake-own-output": (
        "ไฟล์นี้เป็นไฟล์สรุปที่ ita-xlsx collect สร้าง ไม่ใช่แบบรายงานของหน่วยงาน จึงข้ามไป "
        "ไม่ต้องดำเนินการใด ๆ (เก็บไฟล์สรุปไว้นอกโฟลเดอร์ของไฟล์ที่ส่งกลับ)",
        "This is a consolidated file written by ita-xlsx collect, not a division's return: skipped, "
        "nothing to do (keep consolidated files outside the folder of returned files)",
    ),
    "intake-mail-no-workbook": (
        "ไม่พบไฟล์ Excel ในอีเมลหรือไฟล์ zip นี้ (ที่แนบมา: {names}) "
        f"หากตั้งใจส่งแบบฟอร์ม ITA กรุณาแนบไฟล์ .xlsx {_RESEND}",
        "No Excel workbook in this mail or zip (it holds: {names}). "
        "If it was meant to carry the ITA form, attach the .xlsx file and send it again.",
    ),
    "intake-skipped-temp": (
        "ข้ามไฟล์ชั่วคราวหรือไฟล์ล็อก (เช่น ไฟล์ ~$ ที่ Excel สร้างขณะเปิดไฟล์) ไม่ต้องดำเนินการใด ๆ",
        "Skipped a temporary or lock file (such as the ~$ file Excel makes while a workbook is open); "
        "nothing to do.",
    ),
    "intake-duplicate": (
        "ไฟล์นี้เหมือนกับ {first} ทุกไบต์ ระบบใช้ข้อมูลจากไฟล์แรกเพียงครั้งเดียว ไม่ต้องดำเนินการใด ๆ",
        "This file is byte-for-byte the same as {first}; its data is used once, from the first one.",
    ),
    "intake-macros": (
        "ไฟล์นี้มีมาโคร (.xlsm) ระบบอ่านเฉพาะข้อมูลและจะไม่เรียกใช้มาโคร ครั้งต่อไปกรุณาบันทึกเป็นเวิร์กบุ๊ก Excel (.xlsx) ธรรมดา",
        "The file contains macros (.xlsm). Only its data is read; the macros are never run. "
        "Next time, save it as a plain Excel Workbook (.xlsx).",
    ),
    "xml-doctype-forbidden": (
        "ไฟล์นี้มีส่วนข้อมูล XML ที่ผิดปกติ ({part}) ซึ่งไฟล์ Excel ทั่วไปไม่มี ระบบจึงไม่เปิดเพื่อความปลอดภัย "
        f"กรุณาบันทึกแบบฟอร์มใหม่จาก Excel {_RESEND}",
        "The file has an XML part with a DOCTYPE or ENTITY declaration ({part}), which Excel files never "
        "have, so it was not opened. Save the form again from Excel and send it.",
    ),
}
