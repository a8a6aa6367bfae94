"""UNO side of tests/libreoffice.py. Run by the system Python, which can ``import uno``.

Reads one JSON request on stdin, connects to a running soffice (started by tests/libreoffice.py
with ``--accept=pipe,name=PIPE;urp;``), does the work, closes the document and writes one JSON
reply on stdout: ``{"ok": true, "result": ...}`` or ``{"ok": false, "error": "..."}``.

Requests:
  {"op": "sheets", "pipe": P, "src": PATH}  -> sheet names, in order
  {"op": "fill", "pipe": P, "src": PATH, "dst": PATH or null, "as_user": bool,
   "edits": [[sheet, "B5", {"type": TEXT} | {"key": "DELETE"} | {"string"|"value"|"formula": X}
             | {"clear": true} | {"link": URL, "text": TEXT}], ...]}
      -> per edit {"before": ..., "after": ..., "changed": bool, "note": ...}

As a user (as_user): the document window is shown (on LibreOffice's headless display), the
cursor is put on the cell with .uno:GoToCell, and the text is sent as key presses to the grid
window through LibreOffice's UI-test service, then Return. That is the path of a person's
keyboard: sheet protection, validation, AutoInput and the cell's number format all apply. In
--headless mode the error boxes ("protected cells can not be modified", a validation stop) are
cancelled silently, so a refusal leaves the cell as it was and never hangs.
"""

import json
import sys
import time

import uno
from com.sun.star.beans import PropertyValue

CONNECT_TIMEOUT = 30.0
CALC_XLSX = "Calc MS Excel 2007 XML"
CLEAR_ALL = 1 | 2 | 4 | 16  # VALUE | DATETIME | STRING | FORMULA


def props(**kwargs):
    """A tuple of PropertyValue from keyword arguments."""
    out = []
    for name, value in kwargs.items():
        p = PropertyValue()
        p.Name, p.Value = name, value
        out.append(p)
    return tuple(out)


def connect(pipe):
    """The component context of the soffice listening on ``pipe``, waiting for it to start."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + CONNECT_TIMEOUT
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def load(desktop, path):
    """Load ``path`` hidden, refusing repair; raise if it did not load as a spreadsheet."""
    url = uno.systemPathToFileUrl(path)
    doc = desktop.loadComponentFromURL(url, "_blank", 0, props(Hidden=True, RepairPackage=False))
    if doc is None:
        raise RuntimeError(f"LibreOffice loaded nothing from {path} (stale lock file? not a document?)")
    if not doc.supportsService("com.sun.star.sheet.SpreadsheetDocument"):
        doc.close(True)
        raise RuntimeError(f"{path} did not load as a spreadsheet")
    return doc


def snapshot(cell):
    """What a cell holds, comparable before and after an edit."""
    return {"formula": cell.getFormula(), "string": cell.getString(), "type": cell.getType().value}


class UserKeyboard:
    """Types into cells through the UI, as a person at the keyboard."""

    def __init__(self, ctx, doc):
        smgr = ctx.ServiceManager
        self.doc = doc
        self.frame = doc.getCurrentController().getFrame()
        self.frame.getContainerWindow().setVisible(True)
        self.frame.activate()
        self.dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        top = smgr.createInstanceWithContext("com.sun.star.ui.test.UITest", ctx).getTopFocusWindow()
        if "grid_window" not in top.getChildren():
            raise RuntimeError(f"the top window is not a Calc view: {top.getChildren()}")
        self.grid = top.getChild("grid_window")

    def goto(self, sheet, cell_name):
        """Put the cursor on the cell; return an explanation if it did not get there."""
        self.doc.getCurrentController().setActiveSheet(sheet)
        self.dispatcher.executeDispatch(self.frame, ".uno:GoToCell", "", 0, props(ToPoint=cell_name))
        addr = sheet.getCellRangeByName(cell_name).getCellAddress()
        state = {p.Name: p.Value for p in self.grid.getState()}
        where = (state["SelectedTable"], state["CurrentColumn"], state["CurrentRow"])
        if where != (str(addr.Sheet), str(addr.Column), str(addr.Row)):
            return f"the cursor could not reach the cell (it is at sheet,col,row {where})"
        return None

    def press(self, action):
        """Type the text and press Return, or press one key (e.g. DELETE)."""
        if "type" in action:
            if action["type"]:
                self.grid.executeAction("TYPE", props(TEXT=action["type"]))
            self.grid.executeAction("TYPE", props(KEYCODE="RETURN"))
        else:
            self.grid.executeAction("TYPE", props(KEYCODE=action["key"]))


def api_write(doc, cell, action):
    """Write through the scripting API, which ignores protection and validation."""
    if "string" in action:
        cell.setString(action["string"])
    elif "value" in action:
        cell.setValue(action["value"])
    elif "formula" in action:
        cell.setFormula(action["formula"])
    elif action.get("clear"):
        cell.clearContents(CLEAR_ALL)
    elif "link" in action:
        insert_link(doc, cell, action["link"], action["text"])
    else:
        raise ValueError(f"unknown API edit {action!r}")


def insert_link(doc, cell, url, text):
    """What Insert > Link does in a cell: the cell's text becomes a URL field showing ``text``."""
    cell.setString("")
    link = doc.createInstance("com.sun.star.text.TextField.URL")
    link.URL, link.Representation = url, text
    cell.insertTextContent(cell.createTextCursor(), link, False)


def fill(ctx, doc, req):
    """Apply the edits, then save as .xlsx to req["dst"] if given."""
    keyboard = UserKeyboard(ctx, doc) if req["as_user"] else None
    results = []
    sheets = doc.getSheets()
    for sheet_name, cell_name, action in req["edits"]:
        if not sheets.hasByName(sheet_name):
            raise KeyError(f"no sheet {sheet_name!r}; the sheets are {list(sheets.getElementNames())}")
        sheet = sheets.getByName(sheet_name)
        cell = sheet.getCellRangeByName(cell_name)
        before, note = snapshot(cell), None
        if keyboard and "link" not in action:  # a link comes from a dialog: inserted through the API
            note = keyboard.goto(sheet, cell_name)
            if note is None:
                keyboard.press(action)
        else:
            api_write(doc, cell, action)
        after = snapshot(cell)
        results.append({"before": before, "after": after, "changed": before != after, "note": note})
    if req.get("dst"):
        url = uno.systemPathToFileUrl(req["dst"])
        doc.storeToURL(url, props(FilterName=CALC_XLSX, Overwrite=True))
    return results


def main():
    req = json.load(sys.stdin)
    try:
        ctx = connect(req["pipe"])
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = load(desktop, req["src"])
        try:
            if req["op"] == "sheets":
                result = list(doc.getSheets().getElementNames())
            elif req["op"] == "fill":
                result = fill(ctx, doc, req)
            else:
                raise ValueError(f"unknown op {req['op']!r}")
        finally:
            doc.close(True)
        reply = {"ok": True, "result": result}
    except Exception as exc:  # reported to the caller, which raises it with the soffice log
        reply = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
    json.dump(reply, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
