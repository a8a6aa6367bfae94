"""Messages for the codes of `ita_xlsx.core.thaidates.parse_date`: what it assumed, and why it found no date.

Every template renders with exactly two parameters:

* ``value``: the raw cell content as the clerk sees it (text, or the number/date written out);
* ``year``: the Buddhist Era year of the date that was read, ``thaidates.be_year(parsed.value)``
  (for ``date-be-stored-as-ce`` that is also the year stored in the cell). The error messages do not
  use it, so pass anything (e.g. ``""``) when there is no date.
"""

MESSAGES = {
    "date-be-stored-as-ce": (
        "ปีในเซลล์วันที่เป็น พ.ศ. ที่ถูกบันทึกเป็น ค.ศ. ({year}) จึงลบ 543 ปี",
        "The year in the date cell is a Buddhist Era year stored as a Common Era year ({year}),"
        " so 543 years were subtracted.",
    ),
    "date-two-digit-year": (
        'ปีใน "{value}" มีเพียง 2 หลัก จึงถือเป็น พ.ศ. {year} ควรพิมพ์ปีให้ครบ 4 หลัก',
        '"{value}" has a two-digit year, taken as Buddhist Era {year}; type all four digits of the year.',
    ),
    "date-several-in-text": (
        'ในเซลล์มีวันที่มากกว่าหนึ่งวัน ("{value}") ระบบใช้วันแรกที่อ่านได้ คือ {read} '
        "ถ้าดำเนินการหลายครั้ง ให้กรอกวันที่ล่าสุดที่นี่ และบันทึกแต่ละครั้งในแผ่นงานบันทึกการดำเนินการ",
        'The cell holds more than one date ("{value}"); the first one read was used: {read}. If the'
        " measure was done several times, give the latest date here and log each time in the activity log.",
    ),
    "date-from-text": (
        'อ่านวันที่จากข้อความ "{value}" ได้เป็น {read} เพราะเซลล์ไม่ได้เก็บเป็นวันที่ โปรดตรวจสอบว่าอ่านถูกต้อง',
        'The date was read from the text "{value}" as {read} because the cell does not hold a real date;'
        " check that it was read correctly.",
    ),
    "date-from-serial": (
        "เซลล์มีตัวเลข {value} แทนวันที่ จึงอ่านเป็นเลขลำดับวันที่ของ Excel (พ.ศ. {year}) โปรดตรวจสอบ",
        "The cell holds the number {value} instead of a date; it was read as an Excel date serial"
        " number (Buddhist Era {year}). Please check it.",
    ),
    "date-ce-year-in-text": (
        'ปีใน "{value}" เป็น ค.ศ. จึงอ่านเป็น พ.ศ. {year}',
        'The year in "{value}" is a Common Era year; it was read as Buddhist Era {year}.',
    ),
    "date-unparseable": (
        'อ่านวันที่จาก "{value}" ไม่ได้ โปรดพิมพ์วันที่ เช่น 3/10/2565 หรือ 3 ต.ค. 2565',
        'Could not read a date from "{value}"; type a date such as 3/10/2565 or 3 ต.ค. 2565.',
    ),
    "date-invalid": (
        '"{value}" ไม่ใช่วันที่ที่มีอยู่จริง (เช่น 31 กุมภาพันธ์) โปรดตรวจสอบวัน เดือน และปี',
        '"{value}" is not a real calendar date (such as 31 February); check the day, month and year.',
    ),
}
