"""The OIT evidence register: links found in returned workbooks (typed) and in records (cell
hyperlinks, log rows), each finding at its (file, sheet, cell), in the JSON, the sheet หลักฐาน OIT
and the CSV; --check-links against a local HTTP server only."""

from __future__ import annotations

import csv
import datetime as dt
import http.server
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from ita_xlsx.check import linkcheck, register
from ita_xlsx.check.links import Link, record_links, urls_in
from ita_xlsx.cli import cli
from ita_xlsx.plan import load_plan
from ita_xlsx.read import layout
from ita_xlsx.read.records import LogEntry, Record

from workbooks import ROOT, edit, filled_workbooks, named_cell, results_json

WEBSITE = "https://www.mueangphalai.go.th"
OWN = "https://www.mueangphalai.go.th/news/7"
LINK_FIELDS = {"url", "text", "measure_id", "division", "file", "sheet", "cell", "own_domain", "problems"}


@pytest.fixture(scope="module")
def plan_file(tmp_path_factory) -> Path:
    """The bundled plan with the office's website."""
    text = (ROOT / "workbook_templates" / "plan-2566.yaml").read_text(encoding="utf-8")
    head, sep, tail = text.partition("  coordinator: ")
    line, _, rest = tail.partition("\n")
    path = tmp_path_factory.mktemp("plan") / "plan-website.yaml"
    path.write_text(f"{head}{sep}{line}\n  website: {WEBSITE}\n{rest}", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def plan(plan_file):
    loaded, found = load_plan(plan_file)
    assert loaded is not None, [p.message_en for p in found]
    assert loaded.office.website == WEBSITE
    return loaded


@pytest.fixture(scope="module")
def collected(plan, plan_file, tmp_path_factory) -> tuple[Path, dict[str, tuple[str, str]], object]:
    """The finance division typed links into its evidence, result and note cells."""
    books = filled_workbooks(plan)
    typed = {
        ("evidence", "i7"): f"ประกาศ {OWN} และ https://drive.google.com/file/d/abc/view",
        ("result", "i11"): "รายงานที่ www.example.com/report.pdf แล้ว",
        ("note", "i20"): r"ไฟล์อยู่ที่ C:\Users\clerk\Desktop\แผน.pdf",
        ("evidence", "i21"): OWN + "/",
        ("evidence", "i23"): "http://mueangphalai/ita",
    }
    names = {"evidence": layout.NAME_EVIDENCE, "result": layout.NAME_RESULT, "note": layout.NAME_NOTE}
    changes = {(names[f], m): v for (f, m), v in typed.items()}
    finance = edit(books["finance"], changes)
    cells = {key: named_cell(finance, names[key[0]], key[1]) for key in typed}
    folder = tmp_path_factory.mktemp("returns")
    for code, data in books.items():
        (folder / f"{code}.xlsx").write_bytes(finance if code == "finance" else data)
    out = tmp_path_factory.mktemp("out") / "สรุป.xlsx"
    args = ["collect", "--plan", str(plan_file), "--round", "6m", "--as-of", "2023-03-31"]
    result = CliRunner().invoke(cli, [*args, "--out", str(out), str(folder)])
    return out, cells, result


def _where(data: dict) -> set[tuple[str, str, str]]:
    return {
        (p["cell"], p["measure_id"], p["code"]) for p in data["problems"] if p["code"].startswith("link-")
    }


def test_typed_links_are_found_at_their_cells_with_each_finding(collected):
    out, cells, result = collected
    data = results_json(out)
    assert result.exit_code == 0, result.output  # link findings are warnings
    links = data["links"]
    assert all(set(link) == LINK_FIELDS for link in links)
    got = {(link["url"], link["measure_id"], link["cell"], tuple(link["problems"])) for link in links}
    cell = {key: c for key, (_, c) in cells.items()}
    assert got == {
        (OWN, "i7", cell["evidence", "i7"], ("link-duplicate",)),
        ("https://drive.google.com/file/d/abc/view", "i7", cell["evidence", "i7"], ("link-personal-drive",)),
        ("www.example.com/report.pdf", "i11", cell["result", "i11"], ("link-not-own-domain",)),
        (r"C:\Users\clerk\Desktop\แผน.pdf", "i20", cell["note", "i20"], ("link-local-path",)),
        (OWN + "/", "i21", cell["evidence", "i21"], ("link-duplicate",)),
        ("http://mueangphalai/ita", "i23", cell["evidence", "i23"], ("link-malformed",)),
    }
    own = {link["url"]: link["own_domain"] for link in links}
    assert own[OWN] is True and own["www.example.com/report.pdf"] is False
    assert own[r"C:\Users\clerk\Desktop\แผน.pdf"] is None
    assert {link["division"] for link in links} == {"finance"}
    assert {link["file"].rsplit("/", 1)[-1] for link in links} == {"finance.xlsx"}
    assert {link["sheet"] for link in links} == {layout.MEASURES_SHEET}
    assert _where(data) == {(c, m, p) for _, m, c, ps in got for p in ps}
    duplicate = next(p for p in data["problems"] if p["code"] == "link-duplicate" and p["measure_id"] == "i7")
    assert "i21" in duplicate["message_th"] and "i21" in duplicate["message_en"]


def test_the_register_sheet_lists_every_link_with_its_findings(collected):
    out, cells, _ = collected
    ws = load_workbook(out)["หลักฐาน OIT"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    assert WEBSITE in ws["A2"].value
    by_url = {row[3]: row for row in rows}
    assert len(rows) == 6
    assert by_url[OWN][:3] == ["i7", "i7", "กองคลัง"]
    assert by_url[OWN][7] == cells["evidence", "i7"][1]
    assert by_url[OWN][8] == "ใช่"
    assert by_url[OWN][9] == "ใช้ซ้ำกับข้ออื่น"
    assert ws.cell(row=4 + rows.index(by_url[OWN]), column=4).hyperlink.target == OWN
    assert by_url[r"C:\Users\clerk\Desktop\แผน.pdf"][9] == "ไฟล์ในเครื่อง/เครือข่ายภายใน"
    assert ws.cell(row=4 + rows.index(by_url[r"C:\Users\clerk\Desktop\แผน.pdf"]), column=4).hyperlink is None
    # the file a link came from wraps in its column (a long name is never cut on paper)
    assert all(ws.cell(row=4 + n, column=6).alignment.wrap_text for n in range(len(rows)))


def test_the_csv_opens_in_excel_with_thai_and_one_row_per_link(collected):
    out, _, result = collected
    path = out.with_name("สรุป_oit.csv")
    assert f"{path}" in result.output
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == ["ข้อการประเมิน", "URL", "คำอธิบาย", "มาตรการ", "หน่วยงานที่รายงาน", "ตำแหน่งในไฟล์", "ข้อสังเกต"]
    assert len(rows) == 7
    drive = next(r for r in rows if "drive.google.com" in r[1])
    assert drive[0] == "i7" and drive[4] == "กองคลัง" and drive[6] == "ไดรฟ์ส่วนตัวหรือแชต"


def test_no_links_no_csv(tmp_path):
    out = tmp_path / "สรุป.xlsx"
    args = ["collect", "--plan", str(ROOT / "workbook_templates" / "plan-2566.yaml"), "--round", "6m"]
    result = CliRunner().invoke(
        cli, [*args, "--as-of", "2023-03-31", "--out", str(out), str(ROOT / "samples" / "6m")]
    )
    assert result.exit_code == 0, result.output
    assert results_json(out)["links"] == []
    assert not out.with_name("สรุป_oit.csv").exists()
    assert load_workbook(out)["หลักฐาน OIT"]["A4"].value == "ไม่มีลิงก์หลักฐานในแบบรายงานที่ได้รับ"


# -- links in records: cell hyperlinks and log rows (read by the workbook reader) --------------
def _record(**kw) -> Record:
    base = {
        "source": "finance.xlsx",
        "sheet": layout.MEASURES_SHEET,
        "cells": {"evidence": "H9", "result": "F9"},
    }
    return Record("i7", "finance", **{**base, **kw})


def test_a_cell_hyperlink_is_a_link_of_its_cell_and_not_counted_twice():
    record = _record(evidence="ประกาศแผนการใช้จ่าย", hyperlinks={"evidence": OWN})
    assert [(link.url, link.text, link.cell) for link in record_links(record)] == [
        (OWN, "ประกาศแผนการใช้จ่าย", "H9")
    ]
    record = _record(evidence=OWN, hyperlinks={"evidence": OWN})
    assert [link.url for link in record_links(record)] == [OWN]


def test_log_rows_give_their_typed_links_and_hyperlinks_on_the_log_sheet():
    log = [
        LogEntry("i7", dt.date(2022, 11, 1), "ประชุม ดู https://www.mueangphalai.go.th/m/1", "", "A5"),
        LogEntry("i7", dt.date(2022, 12, 1), "ประชุม", "รายงาน", "A6", url="https://line.me/R/ti/g/xyz"),
    ]
    links = list(record_links(_record(log=log)))
    assert [(link.url, link.sheet, link.cell) for link in links] == [
        ("https://www.mueangphalai.go.th/m/1", layout.LOG_SHEET, "A5"),
        ("https://line.me/R/ti/g/xyz", layout.LOG_SHEET, "A6"),
    ]
    found = register.check(links, WEBSITE)
    assert [(p.sheet, p.cell, p.code) for p in found] == [(layout.LOG_SHEET, "A6", "link-personal-drive")]


@pytest.mark.parametrize(
    ("url", "code"),
    [
        (r"\\server\share\ita\o2.pdf", "link-local-path"),
        ("file:///C:/ita/o2.pdf", "link-local-path"),
        ("D:\\ITA\\o2.pdf", "link-local-path"),
        ("https://1drv.ms/b/s!abc", "link-personal-drive"),
        ("https://www.dropbox.com/s/abc/o2.pdf", "link-personal-drive"),
        ("https://docs.google.com/document/d/abc", "link-personal-drive"),
        ("https://www.facebook.com/messages/t/123", "link-personal-drive"),
        ("https://office-my.sharepoint.com/personal/x", "link-personal-drive"),
        ("https:/www.mueangphalai.go.th/o2", "link-malformed"),
        ("http://bad_host.go.th/o2", "link-malformed"),
        ("https://www.facebook.com/mueangphalai", "link-not-own-domain"),
        ("https://mueangphalai.go.th.evil.example/o2", "link-not-own-domain"),
        ("http://MUEANGPHALAI.go.th/o2", None),
        ("https://ita.mueangphalai.go.th/o2", None),
    ],
)
def test_each_kind_of_link_gets_its_finding(url, code):
    link = Link(url, "", "O2", "palad", "palad.xlsx", layout.MEASURES_SHEET, "H30")
    found = register.check([link], WEBSITE)
    assert [(p.cell, p.measure_id, p.code) for p in found] == ([("H30", "O2", code)] if code else [])


def test_without_a_website_nothing_is_said_about_domains():
    link = Link("https://www.example.com/x", "", "O2", "palad", "f.xlsx", "s", "H3")
    assert register.check([link], "") == [] and link.own_domain is None


def test_links_typed_in_text_end_before_punctuation_and_thai_spaces():
    text = "ดูที่ (https://a.go.th/x), และ www.b.go.th/y. หรือ \\\\nas\\ita\\f.pdf"
    assert urls_in(text) == ["https://a.go.th/x", "www.b.go.th/y", "\\\\nas\\ita\\f.pdf"]


def test_the_same_page_for_one_measure_twice_is_not_a_duplicate():
    links = [Link(OWN, "", "i7", d, "f.xlsx", "s", "H9") for d in ("finance", "palad")]
    assert register.check(links, WEBSITE) == []


# -- --check-links, against a server on 127.0.0.1 ----------------------------------------------
class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (the standard library's name)
        if self.path.startswith("/ok"):
            body = b"x" * 3_000_000 if self.path == "/ok/big" else b"ok"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path in ("/moved", "/to-file"):
            self.send_response(301 if self.path == "/moved" else 302)
            self.send_header("Location", "/ok" if self.path == "/moved" else "file:///etc/passwd")
            self.end_headers()
        else:
            self.send_response(404)
            self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture()
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_check_links_reports_what_does_not_open(server):
    urls = [f"{server}/ok", f"{server}/ok/big", f"{server}/moved", f"{server}/gone", f"{server}/gone"]
    links = [Link(u, "", f"O{i}", "palad", "p.xlsx", "s", f"H{i}") for i, u in enumerate(urls)]
    links.append(Link("C:\\x.pdf", "", "O9", "palad", "p.xlsx", "s", "H9"))
    register.check(links)
    statuses, found = linkcheck.check_links(links, linkcheck.Settings(timeout=5, workers=2, max_bytes=1000))
    assert {u: s.code for u, s in statuses.items()} == {
        f"{server}/ok": 200,
        f"{server}/ok/big": 200,
        f"{server}/moved": 200,
        f"{server}/gone": 404,
    }
    assert [(p.cell, p.code) for p in found] == [("H3", "link-unreachable"), ("H4", "link-unreachable")]
    assert "HTTP 404" in found[0].message_th
    assert linkcheck.tally(links) == (4, 3, 1)


def test_a_link_to_nothing_listening_is_unreachable_not_an_error():
    status = linkcheck.fetch("http://127.0.0.1:9/x", linkcheck.Settings(timeout=2))
    assert status.code is None and not status.ok and status.reason


def test_collect_check_links_prints_the_tally(plan, plan_file, server, tmp_path):
    books = filled_workbooks(plan)
    changes = {(layout.NAME_EVIDENCE, "i7"): f"{server}/ok", (layout.NAME_EVIDENCE, "i11"): f"{server}/gone"}
    folder = tmp_path / "returns"
    folder.mkdir()
    (folder / "finance.xlsx").write_bytes(edit(books["finance"], changes))
    out = tmp_path / "out" / "r.xlsx"
    out.parent.mkdir()
    args = ["collect", "--plan", str(plan_file), "--round", "6m", "--as-of", "2023-03-31", "--check-links"]
    result = CliRunner().invoke(cli, [*args, "--out", str(out), str(folder)])
    assert "ตรวจเปิดลิงก์หลักฐาน 2 ลิงก์: เปิดได้ 1 เปิดไม่ได้ 1" in result.output
    data = results_json(out)
    gone = next(link for link in data["links"] if link["url"].endswith("/gone"))
    assert "link-unreachable" in gone["problems"] and "link-not-own-domain" in gone["problems"]


def test_links_are_listed_in_plan_order(collected, plan):
    order = [m.id for m in plan.measures]
    listed = [link["measure_id"] for link in results_json(collected[0])["links"]]
    assert listed == sorted(listed, key=order.index)


def test_check_tells_the_clerk_about_links_before_sending(plan, plan_file, tmp_path):
    books = filled_workbooks(plan)
    path = tmp_path / "finance.xlsx"
    path.write_bytes(
        edit(books["finance"], {(layout.NAME_EVIDENCE, "i7"): "https://drive.google.com/file/d/x"})
    )
    sheet, cell = named_cell(path, layout.NAME_EVIDENCE, "i7")
    result = CliRunner().invoke(cli, ["check", "--plan", str(plan_file), "--as-of", "2023-03-31", str(path)])
    line = next(x for x in result.output.splitlines() if "link-personal-drive" in x)
    assert cell in line and sheet in line


def test_a_redirect_away_from_the_web_is_not_followed(server):
    status = linkcheck.fetch(f"{server}/to-file", linkcheck.Settings(timeout=5))
    assert status.code == 302 and not status.ok


def test_worker_processes_find_the_same_register(plan, tmp_path):
    from ita_xlsx.collect.run import collect

    books = filled_workbooks(plan)
    changes = {(layout.NAME_EVIDENCE, "i7"): "https://drive.google.com/x", (layout.NAME_NOTE, "i11"): OWN}
    for code, data in books.items():
        (tmp_path / f"{code}.xlsx").write_bytes(edit(data, changes) if code == "finance" else data)
    runs = [
        collect(plan, [tmp_path], round_id="6m", as_of=dt.date(2023, 3, 31), jobs=jobs) for jobs in (1, 2)
    ]
    serial, parallel = ([link.to_dict() for link in run.links] for run in runs)
    assert len(serial) == 2 and serial == parallel
