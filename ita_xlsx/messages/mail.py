"""Messages of e-mail: problem codes, the texts of the messages sent, and the mail/remind commands.

Message bodies and subjects (``mail.title``, ``mail.subject.*``, ``mail.body.*``, ``mail.test.*``,
``mail.remind.*`` texts) are always rendered in Thai; their English forms document them.
"""

_CHECK_TLS = (
    "ตรวจโหมด TLS ให้ตรงกับพอร์ต: พอร์ต 587 ใช้ --tls starttls พอร์ต 465 ใช้ --tls ssl",
    "check that the TLS mode fits the port: 587 is --tls starttls, 465 is --tls ssl",
)

MESSAGES = {
    # --- problems: settings ------------------------------------------------------------------------
    "mail-config-unreadable": ("เปิดไฟล์ตั้งค่าไม่ได้: {reason}", "Cannot read the config file: {reason}"),
    "mail-config-syntax": (
        "ไฟล์ตั้งค่าไม่ใช่ TOML ที่ถูกต้อง: {reason}",
        "The config file is not valid TOML: {reason}",
    ),
    "mail-config-no-table": (
        "ในไฟล์ตั้งค่า 'mail' ต้องเป็นหัวข้อ [mail] ที่มีค่าตั้งอยู่ข้างใต้",
        "In the config file, 'mail' must be a [mail] table of settings",
    ),
    "mail-config-unknown-key": (
        "ไม่รู้จักค่าตั้ง '{key}' ใน [mail] (ใช้ได้: {allowed}) จะไม่ใช้ค่านี้",
        "Unknown setting '{key}' in [mail] (allowed: {allowed}); it is ignored",
    ),
    "mail-config-bad-value": (
        "ค่าตั้ง '{key}' ไม่ถูกต้อง (พบ {value}) ตัวอย่างค่าที่ใช้ได้: {expected}",
        "Setting '{key}' is not valid (found {value}); for example: {expected}",
    ),
    "mail-config-password": (
        "โปรแกรมไม่อ่านรหัสผ่านจากไฟล์ตั้งค่า ลบบรรทัด password ออก "
        "แล้วตั้งรหัสผ่านในตัวแปร {env} หรือเก็บไว้ใน keyring หรือพิมพ์เมื่อโปรแกรมถาม",
        "The password is never read from the config file: remove the password line, and set {env}, "
        "store it in the system keyring, or type it when asked",
    ),
    "mail-cafile-missing": (
        "ไม่พบไฟล์ใบรับรอง (cafile) ตรวจชื่อไฟล์และโฟลเดอร์",
        "The CA file (cafile) was not found; check its name and folder",
    ),
    "mail-no-host": (
        "ยังไม่ได้ระบุเซิร์ฟเวอร์อีเมล ใส่ --smtp-host หรือ smtp_host ในไฟล์ตั้งค่า (เช่น smtp.gmail.com)",
        "No mail server: give --smtp-host or set smtp_host in the config file (e.g. smtp.gmail.com)",
    ),
    "mail-no-sender": (
        "ยังไม่ได้ระบุที่อยู่ผู้ส่ง ใส่ --from หรือ from ในไฟล์ตั้งค่า",
        "No sender address: give --from or set from in the config file",
    ),
    "mail-no-password": (
        "ไม่มีรหัสผ่านสำหรับผู้ใช้ {user}: ตั้งตัวแปรสภาพแวดล้อม {env} หรือเก็บไว้ใน keyring "
        "(keyring set ita-xlsx {user}) หรือรันคำสั่งในหน้าต่างคำสั่งเพื่อพิมพ์รหัสผ่าน",
        "No password for user {user}: set the environment variable {env}, store it in the system keyring "
        "(keyring set ita-xlsx {user}), or run the command in a terminal to type it",
    ),
    "mail-plaintext-login": (
        "--tls none ส่งชื่อผู้ใช้ {user} และรหัสผ่านโดยไม่เข้ารหัส ใช้ --tls starttls หรือ ssl ถ้าเซิร์ฟเวอร์รองรับ",
        "--tls none sends the login of {user} and its password unencrypted; use --tls starttls or ssl "
        "if the server can",
    ),
    # --- problems: sending --------------------------------------------------------------------------
    "mail-connect-failed": (
        "ติดต่อเซิร์ฟเวอร์อีเมล {host} พอร์ต {port} ไม่ได้ ({reason}) ตรวจชื่อเซิร์ฟเวอร์และพอร์ต "
        "(smtp_host, smtp_port) และตรวจว่าเครื่องต่ออินเทอร์เน็ตได้",
        "Cannot connect to the mail server {host} port {port} ({reason}); check the host and port "
        "(smtp_host, smtp_port) and that this computer is online",
    ),
    "mail-timeout": (
        "เซิร์ฟเวอร์ {host} พอร์ต {port} ไม่ตอบภายใน {timeout} วินาที ตรวจชื่อเซิร์ฟเวอร์และพอร์ต "
        "และ" + _CHECK_TLS[0] + " (ตอนนี้ใช้ {tls}) หรือเพิ่มเวลารอด้วย --timeout",
        "The server {host} port {port} did not answer within {timeout} seconds; check the host and port, "
        + _CHECK_TLS[1]
        + " (now {tls}), or wait longer with --timeout",
    ),
    "mail-tls-failed": (
        "เชื่อมต่อแบบเข้ารหัส (TLS) กับ {host} พอร์ต {port} ไม่สำเร็จ ({reason}) "
        + _CHECK_TLS[0]
        + " (ตอนนี้ใช้ {tls}) ถ้าเซิร์ฟเวอร์ใช้ใบรับรองของหน่วยงานเอง ให้ระบุไฟล์ใบรับรองด้วย --cafile",
        "The encrypted (TLS) connection to {host} port {port} failed ({reason}); "
        + _CHECK_TLS[1]
        + " (now {tls}); if the server uses its own certificate, give it with --cafile",
    ),
    "mail-auth-failed": (
        "เซิร์ฟเวอร์ {host} ไม่ยอมรับการเข้าสู่ระบบของ {user} ({reason}) ตรวจชื่อผู้ใช้และรหัสผ่าน "
        "ถ้าใช้ Gmail ต้องใช้รหัสผ่านสำหรับแอป (App Password) ไม่ใช่รหัสผ่านปกติ",
        "The server {host} refused the login of {user} ({reason}); check the user name and password "
        "(Gmail needs an app password, not the account password)",
    ),
    "mail-auth-unsupported": (
        "เซิร์ฟเวอร์ {host} ไม่เปิดให้เข้าสู่ระบบบนการเชื่อมต่อนี้ ({reason}) "
        + _CHECK_TLS[0]
        + " (ตอนนี้ใช้ {tls}) หรือถ้าเซิร์ฟเวอร์ไม่ต้องเข้าสู่ระบบ ให้เอา --user ออก",
        "The server {host} offers no login on this connection ({reason}); "
        + _CHECK_TLS[1]
        + " (now {tls}), or drop --user if the server needs no login",
    ),
    "mail-recipient-refused": (
        "เซิร์ฟเวอร์ไม่รับที่อยู่ผู้รับ {addresses} ({reason}) ตรวจการสะกดที่อยู่อีเมล",
        "The server refused the recipient address {addresses} ({reason}); check the spelling of the address",
    ),
    "mail-sender-refused": (
        "เซิร์ฟเวอร์ไม่รับที่อยู่ผู้ส่ง {sender} ({reason}) ตรวจว่า from ตรงกับบัญชีที่เข้าสู่ระบบ",
        "The server refused the sender address {sender} ({reason}); check that from is the login's address",
    ),
    "mail-rejected": (
        "เซิร์ฟเวอร์ไม่รับข้อความ ({reason}) เช่น ไฟล์แนบใหญ่เกินที่เซิร์ฟเวอร์กำหนด",
        "The server rejected the message ({reason}), e.g. the attachment is larger than it allows",
    ),
    "mail-too-slow": (
        "เซิร์ฟเวอร์ {host} พอร์ต {port} ตอบช้าเกินไป ข้อความนี้ใช้เวลาเกิน {seconds} วินาที จึงหยุดรอและตัดการเชื่อมต่อ "
        "ตรวจชื่อเซิร์ฟเวอร์และพอร์ต หรือเพิ่มเวลารอด้วย --timeout",
        "The server {host} port {port} is too slow: this message took more than {seconds} seconds, so "
        "the connection was cut; check the host and port, or allow more time with --timeout",
    ),
    "mail-reply-too-long": (
        "เซิร์ฟเวอร์ {host} พอร์ต {port} ส่งคำตอบยาวเกิน {lines} บรรทัดหรือ {size} ไบต์ จึงตัดการเชื่อมต่อ "
        "ตรวจว่าเป็นเซิร์ฟเวอร์ SMTP ที่ถูกต้อง",
        "The server {host} port {port} sent a reply longer than {lines} lines or {size} bytes, so the "
        "connection was cut; check that this is the right SMTP server",
    ),
    "mail-disconnected": (
        "เซิร์ฟเวอร์ {host} ตัดการเชื่อมต่อ ({reason}) " + _CHECK_TLS[0] + " (ตอนนี้ใช้ {tls}) แล้วลองอีกครั้ง",
        "The server {host} closed the connection ({reason}); " + _CHECK_TLS[1] + " (now {tls}) and try again",
    ),
    # --- problems: the results file and reminders ---------------------------------------------------
    "mail-no-summary": (
        "ไม่พบไฟล์ผลสรุป (.json) ข้างไฟล์รายงาน จะส่งโดยไม่มีสรุปในเนื้อความ (ไฟล์นี้สร้างพร้อมกันโดย ita-xlsx collect --out)",
        "No results file (.json) beside the workbook; the message is sent without a summary "
        "(ita-xlsx collect --out writes it)",
    ),
    "mail-results-unreadable": (
        "อ่านไฟล์ผลสรุปไม่ได้ ({reason}) สร้างใหม่ด้วย ita-xlsx collect",
        "Cannot read the results file ({reason}); make it again with ita-xlsx collect",
    ),
    "mail-results-format": (
        "ไฟล์นี้ไม่ใช่ไฟล์ผลของ ita-xlsx (รูปแบบ '{value}' ต้องเป็น {expected}) สร้างใหม่ด้วย ita-xlsx collect",
        "This is not an ita-xlsx results file (format '{value}', expected {expected}); "
        "make it again with ita-xlsx collect",
    ),
    "mail-remind-other-plan": (
        "ไฟล์ผลเป็นของแผน {results} แต่แผนที่ระบุคือ {plan} ใช้แผนเดียวกับที่ใช้รวบรวมผล",
        "The results are of plan {results} but the plan given is {plan}; use the plan the results came from",
    ),
    "mail-remind-plan-changed": (
        "แผน {plan} ถูกแก้ไขหลังจากรวบรวมผล อีเมลของหน่วยงานจะใช้ตามแผนปัจจุบัน",
        "Plan {plan} changed after the results were collected; division addresses come from the plan as it is now",
    ),
    "mail-remind-no-address": (
        "หน่วยงาน {name} ไม่มีอีเมลในแผน จึงไม่ได้สร้างข้อความเตือน ({count} รายการ) "
        "เพิ่มอีเมลในแผน (emails) หรือแจ้งหน่วยงานด้วยวิธีอื่น",
        "Division {name} has no e-mail address in the plan, so it gets no reminder ({count} measures); "
        "add its emails to the plan or tell it another way",
    ),
    "mail-remind-unknown-division": (
        "ไฟล์ผลมีหน่วยงาน '{name}' ที่ไม่อยู่ในแผน จึงไม่ได้เตือน",
        "The results name a division '{name}' that is not in the plan; it is not reminded",
    ),
    # --- texts of the messages sent (always Thai) ---------------------------------------------------
    "mail.title": ("สรุปผลการดำเนินการตามมาตรการ ITA", "Summary of the ITA measures"),
    "mail.title-long": (
        "สรุปผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน (ITA)",
        "Summary of the integrity and transparency measures (ITA)",
    ),
    "mail.subject.year": ("ปีงบประมาณ {year}", "fiscal year {year}"),
    "mail.subject.as-of": ("ข้อมูล ณ วันที่ {date}", "as of {date}"),
    "mail.subject.no-summary": (
        "สรุปผลการดำเนินการตามมาตรการ ITA (ไฟล์ {name})",
        "Summary of the ITA measures (file {name})",
    ),
    "mail.body.percent": (
        "ดำเนินการแล้ว ร้อยละ {percent} ของทั้งหมด {records} รายการ (มาตรการ × หน่วยงานที่รับผิดชอบ)",
        "Done: {percent}% of {records} items (measure × responsible division)",
    ),
    "mail.body.periods-missing-count": ("ขาดรายงานบางงวด {count} รายการ", "Periods not reported: {count}"),
    "mail.body.periods-missing-title": (
        "รายการที่ขาดรายงานบางงวด (ดำเนินการแล้ว แต่ไม่มีรายงานในงวดที่สิ้นสุดแล้ว):",
        "Measures with periods not reported (done, but no report in periods that ended):",
    ),
    "mail.body.periods-missing": ("ขาดรายงานงวด {periods}", "no report for the period(s) ending {periods}"),
    "mail.body.division-rejected": (
        "ส่งแล้วแต่ใช้ไม่ได้: {name} ({reason})",
        "Sent, not usable: {name} ({reason})",
    ),
    "mail.body.percent-unknown": ("ดำเนินการแล้ว: ไม่มีข้อมูล", "Done: not known"),
    "mail.body.overdue-count": ("เกินกำหนด {count} รายการ", "Overdue: {count}"),
    "mail.body.divisions-missing": (
        "ยังไม่ได้รับแบบรายงานจาก: {names}",
        "Not received from: {names}",
    ),
    "mail.body.all-divisions-sent": ("ทุกหน่วยงานส่งรายงานแล้ว", "Every division has reported"),
    "mail.body.overdue-title": ("รายการที่เกินกำหนด:", "Overdue measures:"),
    "mail.body.more": ("และอีก {count} รายการ (ดูในไฟล์แนบ)", "and {count} more (see the attachment)"),
    "mail.body.due": ("กำหนด {date}", "due {date}"),
    "mail.body.no-due": ("ไม่มีวันกำหนด", "no due date"),
    "mail.body.days-overdue": ("เกินมา {days} วัน", "{days} days overdue"),
    "mail.body.no-summary": (
        "ไม่มีข้อมูลสรุปสำหรับไฟล์นี้ (ไม่พบไฟล์ผล .json ข้างไฟล์รายงาน) กรุณาดูรายละเอียดในไฟล์แนบ",
        "No summary is available for this file (no results .json beside it); please see the attachment",
    ),
    "mail.body.see-attachment": (
        "รายละเอียดทั้งหมดอยู่ในไฟล์แนบ {name}",
        "All details are in the attachment {name}",
    ),
    "mail.body.signature": ("(ส่งโดยโปรแกรม ita-xlsx)", "(sent by ita-xlsx)"),
    "mail.test.subject": ("ทดสอบการส่งอีเมลจาก ita-xlsx", "Test message from ita-xlsx"),
    "mail.test.body": (
        "นี่คือข้อความทดสอบ ถ้าได้รับข้อความนี้ แสดงว่าการตั้งค่าอีเมลของ ita-xlsx ใช้งานได้",
        "This is a test message: if it arrived, the mail settings of ita-xlsx work",
    ),
    "mail.test.server": (
        "เซิร์ฟเวอร์: {host} พอร์ต {port} (TLS: {tls})",
        "Server: {host} port {port} (TLS: {tls})",
    ),
    "mail.test.user": ("ผู้ใช้: {user}", "User: {user}"),
    "mail.test.when": ("ส่งเมื่อ: {when}", "Sent: {when}"),
    "mail.remind.subject": (
        "แจ้งเตือนการรายงานผลมาตรการ ITA ปีงบประมาณ {year} {round}: {division}",
        "Reminder: ITA measures report, fiscal year {year} {round}: {division}",
    ),
    "mail.remind.greeting": ("เรียน {division}", "To {division}"),
    "mail.remind.intro": (
        "ตามข้อมูล ณ วันที่ {date} ของการรายงานผลการดำเนินการตามมาตรการ ITA ปีงบประมาณ {year} {round} "
        "หน่วยงานของท่านมีรายการที่ต้องดำเนินการ ดังนี้",
        "As of {date}, in the ITA measures report of fiscal year {year} {round}, your division has "
        "the following to do",
    ),
    "mail.remind.not-sent": ("(ยังไม่ได้รับแบบรายงานของหน่วยงาน)", "(Your division's report has not arrived yet)"),
    "mail.remind.title.missing": ("ยังไม่ได้ส่งรายงาน:", "Not reported:"),
    "mail.remind.title.overdue": ("เกินกำหนด:", "Overdue:"),
    "mail.remind.title.due_soon": ("ใกล้ถึงกำหนด:", "Due soon:"),
    "mail.remind.title.periods_missing": (
        "ขาดรายงานบางงวด (บันทึกการดำเนินการของงวดเหล่านี้ในแผ่นงานบันทึกการดำเนินการ):",
        "Periods not reported (record what was done in them in the activity log):",
    ),
    "mail.remind.rejected": (
        "ได้รับไฟล์ของหน่วยงานแล้ว แต่ใช้ไม่ได้: {reasons} กรุณาส่งแบบรายงานที่ได้รับจากสำนักปลัด "
        "(ไฟล์ .xlsx ของรอบนี้ ไม่ใส่รหัสผ่าน) ที่กรอกแล้วมาใหม่",
        "Your division's file arrived but could not be used: {reasons}. Please send again the workbook "
        "the Palad office sent you (the .xlsx of this round, without a password), filled in.",
    ),
    "mail.remind.return-by": (
        "กรุณาดำเนินการ และส่งแบบรายงานที่กรอกแล้วกลับมาภายในวันที่ {date}",
        "Please do so and send the filled-in report back by {date}",
    ),
    "mail.remind.return": (
        "กรุณาดำเนินการ และส่งแบบรายงานที่กรอกแล้วกลับมาโดยเร็ว",
        "Please do so and send the filled-in report back soon",
    ),
    "mail.remind.closing": ("จึงเรียนมาเพื่อโปรดดำเนินการ", "Thank you"),
    "mail.remind-office.greeting": ("เรียน {office}", "To {office}"),
    "mail.remind-office.intro": (
        "ตามการรวมผลการดำเนินการตามมาตรการ ITA ปีงบประมาณ {year} {round} ข้อมูล ณ วันที่ {date}",
        "In the roll-up of the ITA measures of fiscal year {year} {round}, as of {date}",
    ),
    "mail.remind-office.not_received": (
        "ยังไม่ได้รับผลการรวบรวมของหน่วยงานท่าน กรุณาส่งไฟล์ JSON หรือไฟล์สรุปที่ ita-xlsx collect สร้าง",
        "Your office's results have not arrived: please send the JSON or the consolidated workbook "
        "ita-xlsx collect wrote",
    ),
    "mail.remind-office.rejected": (
        "ผลที่หน่วยงานท่านส่งมาใช้ไม่ได้ (เช่น เป็นของปีหรือรอบอื่น หรือรหัสหน่วยงานไม่ตรง) กรุณาตรวจแล้วส่งใหม่",
        "The results your office sent could not be used (another year or round, or another office's code): "
        "please check them and send them again",
    ),
    "mail.remind-office.overdue": (
        "หน่วยงานท่านมีมาตรการเกินกำหนด {count} รายการ (ดำเนินการแล้วร้อยละ {percent}) กรุณาเร่งดำเนินการ",
        "Your office has {count} overdue measure(s) ({percent} % done): please see to them",
    ),
    "mail.remind-office.divisions-missing": (
        "หน่วยงานภายในที่ยังไม่ได้ส่งแบบรายงาน:",
        "Divisions that have sent nothing:",
    ),
    # --- the commands ---------------------------------------------------------------------------------
    "mail.usage.no-file": (
        "ระบุไฟล์สรุป .xlsx ที่จะส่ง หรือใช้ --test เพื่อส่งข้อความทดสอบ",
        "Give the .xlsx workbook to send, or --test to send a test message",
    ),
    "mail.usage.test-with-file": (
        "--test ส่งข้อความทดสอบโดยไม่แนบไฟล์ เอาชื่อไฟล์ออก หรือเอา --test ออก",
        "--test sends a message without a file: remove the file name or --test",
    ),
    "mail.usage.not-xlsx": ("{path} ไม่ใช่ไฟล์ .xlsx", "{path} is not an .xlsx file"),
    "mail.usage.no-plan": (
        "ระบุไฟล์แผนด้วย --plan (ต้องใช้กับผลของ collect)",
        "Give the plan with --plan (needed with collect's results)",
    ),
    "mail.usage.no-to": ("ระบุผู้รับด้วย --to อย่างน้อยหนึ่งคน", "Give at least one recipient with --to"),
    "mail.usage.eml-and-dry-run": (
        "ใช้ --eml หรือ --dry-run อย่างใดอย่างหนึ่ง",
        "Use either --eml or --dry-run, not both",
    ),
    "mail.usage.eml-not-eml": (
        "ชื่อไฟล์ฉบับร่างต้องลงท้ายด้วย .eml (ได้รับ {path}) จึงจะไม่เขียนทับไฟล์อื่น",
        "The draft's name must end in .eml (got {path}), so that no other file is overwritten",
    ),
    "mail.usage.bad-address": ("'{address}' ไม่ใช่ที่อยู่อีเมล", "'{address}' is not an e-mail address"),
    "mail.usage.line-break": (
        "{option} มีการขึ้นบรรทัดใหม่หรืออักขระควบคุม ('{value}') ซึ่งใส่ในหัวอีเมลไม่ได้ "
        "ให้พิมพ์ให้อยู่ในบรรทัดเดียว ยังไม่ได้ส่งหรือเขียนอะไร",
        "{option} holds a line break or another control character ('{value}'), which no mail header "
        "may hold; give it on one line. Nothing was sent or written.",
    ),
    "mail.password-prompt": ("รหัสผ่านอีเมลของ {user}", "Mail password of {user}"),
    "mail.label.summary": ("รายงานสรุป {name}", "summary {name}"),
    "mail.label.test": ("ข้อความทดสอบ", "test message"),
    "mail.sent": ("ส่งแล้ว: {label} ถึง {to}", "Sent: {label} to {to}"),
    "mail.failed": ("ส่งไม่สำเร็จ: {label} ถึง {to}", "Not sent: {label} to {to}"),
    "mail.sent-count": ("ส่งสำเร็จ {sent} จาก {total} ข้อความ", "{sent} of {total} message(s) sent"),
    "mail.dry-run.header": ("ทดลองเท่านั้น ไม่ได้ส่งอีเมล (--dry-run)", "Dry run: nothing is sent"),
    "mail.dry-run.from": ("จาก: {value}", "From: {value}"),
    "mail.dry-run.to": ("ถึง: {value}", "To: {value}"),
    "mail.dry-run.cc": ("สำเนาถึง: {value}", "Cc: {value}"),
    "mail.dry-run.subject": ("เรื่อง: {value}", "Subject: {value}"),
    "mail.dry-run.attachment": ("ไฟล์แนบ: {name} ({size} ไบต์)", "Attachment: {name} ({size} bytes)"),
    "mail.dry-run.unset": ("(ยังไม่ได้ตั้ง ใช้ --from)", "(not set; use --from)"),
    "mail.remind.none": (
        "ไม่มีหน่วยงานที่ต้องเตือน: ทุกหน่วยงานส่งแล้ว และไม่มีรายการเกินกำหนดหรือใกล้ถึงกำหนด",
        "No division needs a reminder: all have reported, nothing is overdue or due soon",
    ),
    "mail.remind.none-offices": (
        "ไม่มีหน่วยงานที่ต้องเตือน: ทุกหน่วยงานรายงานแล้ว และไม่มีมาตรการเกินกำหนด",
        "No office needs a reminder: all have reported and nothing is overdue",
    ),
    "mail.remind.wrote-office": ("{label} ถึง {to}: {path}", "{label} to {to}: {path}"),
    "mail.remind.wrote": (
        "{label} ถึง {to} ({count} รายการ): {path}",
        "{label} to {to} ({count} measures): {path}",
    ),
    "mail.remind.results-needed": (
        "ต้องใช้ไฟล์ผล .json ที่ ita-xlsx collect --out เขียนไว้ข้างไฟล์สรุป",
        "Give the results .json that ita-xlsx collect --out writes beside the workbook",
    ),
}
