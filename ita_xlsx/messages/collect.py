"""Messages about returned workbooks: identity, verification, inputs, rules and merging."""

MESSAGES = {
    # the outputs of a run
    "results-other-run": (
        "ไฟล์ผล {results} กับไฟล์รายงาน {workbook} มาจากการรวบรวมคนละครั้ง (การรวบรวมครั้งหลังถูกหยุดกลางคัน) "
        "จึงไม่ใช้ไฟล์ผลนี้ ให้สั่ง ita-xlsx collect อีกครั้งเพื่อเขียนทั้งสองไฟล์ใหม่",
        "The results file {results} and the workbook {workbook} come from two different runs of collect "
        "(the later run was stopped part-way), so the results file is not used; run ita-xlsx collect "
        "again to write both anew.",
    ),
    # identity
    "workbook-no-identity": (
        "ไม่พบข้อมูลระบุตัวตนของแบบรายงาน (อาจคัดลอกข้อมูลไปวางในไฟล์ใหม่) กรุณากรอกในไฟล์แบบรายงานที่ได้รับจากสำนักปลัดแล้วส่งใหม่",
        "The workbook carries no identity (the rows may have been pasted into a new file); fill in the "
        "workbook sent by the Palad office and send it again.",
    ),
    "workbook-unknown-format": (
        "แบบรายงานรุ่น '{found}' ไม่รองรับ กรุณาใช้แบบรายงานรุ่นปัจจุบัน",
        "Template format '{found}' is not supported; use the current template.",
    ),
    "workbook-other-plan": (
        "แบบรายงานนี้เป็นของแผน '{found}' ไม่ใช่แผน '{expected}' ที่กำลังรวบรวม",
        "This workbook belongs to plan '{found}', not to plan '{expected}' being collected.",
    ),
    "workbook-other-year": (
        "แบบรายงานนี้เป็นของปีงบประมาณ {found} ไม่ใช่ปี {expected}",
        "This workbook is for fiscal year {found}, not {expected}.",
    ),
    "workbook-other-round": (
        "แบบรายงานนี้เป็นของรอบ '{found}' ไม่ใช่รอบ '{expected}' ที่กำลังรวบรวม",
        "This workbook is for round '{found}', not round '{expected}' being collected.",
    ),
    "workbook-unknown-division": (
        "ไม่รู้จักหน่วยงาน '{found}' ในแผน",
        "Division '{found}' is not in the plan.",
    ),
    "workbook-plan-edited": (
        "แผนถูกแก้ไขหลังจากสร้างแบบรายงานนี้ ข้อความมาตรการถูกตรวจเทียบกับแผนปัจจุบัน",
        "The plan was edited after this workbook was made; measure texts were checked against the current plan.",
    ),
    "workbook-no-workbook-part": (
        "ไฟล์ไม่มีส่วนข้อมูลสมุดงาน Excel กรุณาบันทึกเป็น .xlsx ใหม่แล้วส่งอีกครั้ง",
        "The file has no workbook part; save it again as .xlsx and resend it.",
    ),
    "xml-malformed": (
        "ข้อมูลภายในไฟล์เสียหาย ({reason}) กรุณาเปิดด้วย Excel แล้วบันทึกใหม่",
        "The file's XML is damaged ({reason}); open it in Excel and save it again.",
    ),
    # structure
    "identity-sheet-visible": (
        "แผ่นงานข้อมูลระบุตัวตนถูกเปิดให้เห็น ข้อมูลยังใช้ได้ แต่ไม่ควรแก้ไขแผ่นงานนี้",
        "The identity sheet was unhidden; the data are still used, but this sheet must not be edited.",
    ),
    "protection-removed": (
        "แผ่นงานถูกยกเลิกการป้องกัน ระบบตรวจข้อความที่ล็อกไว้ทุกแถวแล้ว",
        "Sheet protection was removed; every locked text was checked.",
    ),
    "names-missing": (
        "ชื่อช่วงข้อมูล ({names}) หายไป ใช้ตำแหน่งจากข้อมูลระบุตัวตนแทน",
        "Defined names ({names}) are missing; the identity's column map was used instead.",
    ),
    "measures-not-found": (
        "ไม่พบตารางมาตรการในไฟล์ กรุณาใช้แบบรายงานเดิมโดยไม่ลบหรือเปลี่ยนชื่อแผ่นงาน",
        "The measures table was not found; use the original workbook without deleting or renaming sheets.",
    ),
    "sheet-renamed": (
        "แผ่นงาน '{expected}' ถูกเปลี่ยนชื่อ ข้อมูลยังใช้ได้",
        "Sheet '{expected}' was renamed; its data are still used.",
    ),
    "cell-unreadable": (
        "อ่านเซลล์นี้ไม่ได้ ({reason}) ข้ามเซลล์นี้",
        "This cell cannot be read ({reason}); it was skipped.",
    ),
    # rows
    "row-duplicated": (
        "มาตรการนี้ปรากฏซ้ำ ใช้เฉพาะแถวแรก",
        "This measure appears twice; only the first row was used.",
    ),
    "row-id-changed": (
        "รหัสมาตรการถูกแก้เป็น '{found}' ระบบจำแถวได้จากข้อความมาตรการ",
        "The measure id was changed to '{found}'; the row was recognised by its text.",
    ),
    "row-inserted": (
        "มีการแทรกแถวที่ไม่ใช่มาตรการในแผน ข้อมูลในแถวนี้ไม่ถูกนำไปใช้",
        "A row was inserted that is not a measure of the plan; its data were not used.",
    ),
    "row-unknown": (
        "ไม่รู้จักมาตรการ '{found}' ในแถวนี้ ข้อมูลในแถวนี้ไม่ถูกนำไปใช้",
        "Unknown measure '{found}' in this row; its data were not used.",
    ),
    "locked-text-changed": (
        "ข้อความที่ล็อกไว้ของมาตรการนี้ถูกแก้ไข ไม่ตรงกับแผน ผลที่กรอกยังถูกนำไปใช้ แต่กรุณาตรวจสอบ",
        "The locked text of this measure was edited and differs from the plan; the inputs were used, but check them.",
    ),
    "row-deleted": (
        "แถวของมาตรการนี้ถูกลบออกจากไฟล์ จึงไม่มีผลการดำเนินการ",
        "This measure's row was deleted from the file, so nothing was reported for it.",
    ),
    "rows-reordered": (
        "ลำดับแถวมาตรการถูกสลับ ข้อมูลยังใช้ได้",
        "The measure rows were reordered; their data are still used.",
    ),
    # inputs
    "status-variant": (
        "สถานะ '{value}' ถูกอ่านเป็น '{read_as}' กรุณาเลือกจากรายการ",
        "Status '{value}' was read as '{read_as}'; please pick from the list.",
    ),
    "status-misspelt": (
        "สถานะ '{value}' สะกดไม่ตรง ระบบเดาว่าเป็น '{read_as}' กรุณาตรวจและเลือกจากรายการ",
        "Status '{value}' is misspelt and was taken for '{read_as}'; please check it and pick from the list.",
    ),
    "status-unknown": (
        "ไม่รู้จักสถานะ '{value}' กรุณาเลือกจากรายการ",
        "Unknown status '{value}'; please pick one from the list.",
    ),
    "status-empty": (
        "ยังไม่ได้เลือกสถานะ ถือว่ายังไม่ดำเนินการ",
        "No status chosen; taken as not started.",
    ),
    "measures-not-filled": (
        "ยังไม่ได้กรอก {count} มาตรการ: {measures} กรุณาเลือกสถานะให้ครบทุกมาตรการ "
        "(เลือก ไม่เกี่ยวข้อง ถ้ามาตรการนั้นไม่เกี่ยวกับหน่วยงาน) แล้วตรวจอีกครั้งก่อนส่ง",
        "{count} measure(s) not filled in: {measures}. Choose a status for every measure (not applicable "
        "if a measure does not concern your division) and check again before sending.",
    ),
    "cell-error-value": (
        "เซลล์มีค่าผิดพลาด '{value}' แทนวันที่",
        "The cell holds the error value '{value}' instead of a date.",
    ),
    "text-cell-formatted": (
        "ช่องนี้เป็นข้อความ แต่โปรแกรมตารางคำนวณเก็บสิ่งที่พิมพ์ไว้เป็นตัวเลขหรือวันที่ ({value}) "
        "ระบบบันทึกตามที่แสดงในเซลล์ คือ '{shown}' ถ้าไม่ตรงกับที่ตั้งใจ กรุณาพิมพ์ใหม่โดยขึ้นต้นด้วยเครื่องหมาย '",
        "This is a text column, but the spreadsheet program stored what was typed as a number or a "
        "date ({value}); it was recorded as the cell shows it, '{shown}'. If that is not what was "
        "meant, type it again starting with an apostrophe (').",
    ),
    "input-cells-merged": (
        "เซลล์ {range} ถูกผสานรวมกัน ค่าที่กรอกจึงอยู่เฉพาะแถวแรก แถวอื่นถูกอ่านเป็นช่องว่าง "
        "กรุณายกเลิกการผสานเซลล์ แล้วกรอกแต่ละมาตรการในแถวของตัวเอง",
        "Cells {range} are merged, so what was typed belongs to the first row only and the other rows "
        "read as empty. Unmerge them and fill in each measure on its own row.",
    ),
    "sheet-not-read": (
        "แผ่นงานนี้ไม่ได้ถูกอ่าน ระบบอ่านเฉพาะแผ่นงาน '{read}' และแผ่นงานบันทึกการดำเนินการ "
        "ถ้ากรอกข้อมูลไว้ในแผ่นงานนี้ กรุณาย้ายไปกรอกในแผ่นงานเดิมแล้วส่งใหม่",
        "This sheet was not read: only '{read}' and the activity log are. If you filled in this sheet, "
        "move what you wrote into the original sheet and send the file again.",
    ),
    "log-below-table": (
        "มีบันทึกการดำเนินการ {count} แถวต่อจากท้ายตาราง (แถวที่ {last}) ระบบอ่านและนำไปใช้แล้ว ไม่ต้องดำเนินการใด ๆ",
        "{count} activity-log row(s) were typed below the table (which ends at row {last}); they were "
        "read and used, nothing to do.",
    ),
    "log-unknown-measure": (
        "บันทึกการดำเนินการอ้างถึงมาตรการ '{found}' ที่ไม่ใช่ของหน่วยงานนี้ ไม่ถูกนำไปใช้",
        "The activity log names measure '{found}', which is not this division's; it was not used.",
    ),
    "log-date-missing": (
        "บันทึกการดำเนินการไม่มีวันที่ กรุณากรอกวันที่ดำเนินการ",
        "The activity log row has no date; please fill it in.",
    ),
    # rules
    "date-missing": (
        "สถานะดำเนินการแล้ว แต่ไม่ได้กรอกวันที่ดำเนินการ",
        "Marked as done, but no action date was given.",
    ),
    "date-with-not-started": (
        "มีวันที่ดำเนินการ แต่สถานะเป็นยังไม่ดำเนินการ กรุณาตรวจสอบสถานะ",
        "An action date was given but the status is not started; check the status.",
    ),
    "date-after-round": (
        "วันที่ดำเนินการ {date} อยู่หลังสิ้นสุดรอบรายงาน ({end})",
        "Action date {date} is after the end of the round ({end}).",
    ),
    "date-after-as-of": (
        "วันที่ดำเนินการ {date} อยู่หลังวันที่ข้อมูล ({as_of})",
        "Action date {date} is after the as-of date ({as_of}).",
    ),
    "date-before-year": (
        "วันที่ดำเนินการ {date} อยู่ก่อนปีงบประมาณ {year} กรุณาตรวจสอบปี พ.ศ.",
        "Action date {date} is before fiscal year {year}; check the year.",
    ),
    "period-without-action": (
        "ไม่มีการดำเนินการในงวดที่สิ้นสุดแล้ว: {periods} (บันทึกในแผ่นงานบันทึกการดำเนินการ)",
        "No action in the ended period(s): {periods} (record them in the activity log).",
    ),
    # merge
    "file-superseded": (
        "มีไฟล์ที่ใหม่กว่าจากหน่วยงานเดียวกัน ({newer}) ใช้ไฟล์ใหม่แทน",
        "A newer file from the same division ({newer}) was used instead.",
    ),
    "conflicting-versions": (
        "ไฟล์นี้มีค่าต่างจากไฟล์ที่ใหม่กว่า {newer} จำนวน {count} ค่า ใช้ค่าจากไฟล์ใหม่ (มาตรการและเซลล์ในไฟล์นี้: {values})",
        "{count} value(s) in this file differ from the newer file {newer}; the newer values were used "
        "(measure and cell in this file: {values}).",
    ),
    "as-of-today": (
        "ไม่ได้ระบุ --as-of สถานะทุกมาตรการจึงคิด ณ วันนี้ ({today}) ซึ่งอยู่นอก{round} ({start} – {end_date}) "
        "ถ้าต้องการสถานะ ณ วันสิ้นรอบ ให้ระบุ --as-of {end}",
        "No --as-of given, so every state is judged as of today ({today}), outside {round} ({start} – "
        "{end_date}). For the state at the end of the round, give --as-of {end}",
    ),
    "division-file-not-usable": (
        "ได้รับไฟล์จาก {name} แล้ว แต่ใช้ไม่ได้ (ส่งแล้วแต่ใช้ไม่ได้ ดูสาเหตุที่ไฟล์ {files})",
        "A file came from {name} but could not be used (sent, not usable: see why at {files}).",
    ),
    "division-not-received": (
        "ยังไม่ได้รับแบบรายงานจาก {name}",
        "No workbook received from {name}.",
    ),
}
