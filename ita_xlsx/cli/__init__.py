"""The ``ita-xlsx`` command line: a thin layer over the library.

Each command lives in its own module and is imported only when it runs, so ``ita-xlsx --help``
starts fast. Exit codes: 0 clean, 1 data problems, 2 misuse.
"""

from __future__ import annotations

import codecs
import contextlib
import gc
import importlib
import os
import sys

import click

from ita_xlsx import __version__, messages
from ita_xlsx.cli.options import LANG

COMMANDS = {
    "plan": "ita_xlsx.cli.plan_cmd:plan",
    "templates": "ita_xlsx.cli.templates_cmd:templates",
    "check": "ita_xlsx.cli.collect_cmd:check",
    "collect": "ita_xlsx.cli.collect_cmd:collect",
    "feedback": "ita_xlsx.cli.feedback_cmd:feedback",
    "report": "ita_xlsx.cli.report_cmd:report",
    "mail": "ita_xlsx.cli.mail_cmd:mail",
    "remind": "ita_xlsx.cli.mail_cmd:remind",
    "rollup": "ita_xlsx.cli.rollup_cmd:rollup",
    "demo": "ita_xlsx.cli.demo_cmd:demo",
    "serve": "ita_xlsx.cli.serve_cmd:serve",
    "accept": "ita_xlsx.cli.store_cmd:accept",
    "reopen": "ita_xlsx.cli.store_cmd:reopen",
    "history": "ita_xlsx.cli.store_cmd:history",
    "export": "ita_xlsx.cli.store_cmd:export",
}

SHORT_HELP = {
    "plan": "แผนมาตรการ: สร้าง แปลง ตรวจ · the plan: new, convert, check",
    "templates": "สร้างแบบรายงานของแต่ละหน่วยงาน · write the division workbooks",
    "check": "ตรวจไฟล์ก่อนส่ง · check returned workbooks",
    "collect": "รวบรวม ตรวจ และรวมผล · collect, check and merge",
    "feedback": "ส่งกลับให้หน่วยงานแก้ไข · workbooks of problems to fix",
    "report": "รายงานเป็นไฟล์ Word · the report as a Word document",
    "mail": "ส่งอีเมลรายงาน · e-mail the consolidated workbook",
    "remind": "เตือนหน่วยงาน · remind divisions",
    "rollup": "รวมผลหลายหน่วยงาน (อำเภอ จังหวัด ประเทศ) · roll up many offices",
    "demo": "ลองใช้กับข้อมูลตัวอย่าง · run the whole round trip on the sample",
    "serve": "โต๊ะผู้ประสานงานในเบราว์เซอร์ · the coordinator's desk in the browser",
    "accept": "ยอมรับแบบรายงานของหน่วยงาน · accept divisions' returns (store)",
    "reopen": "เปิดรับแบบรายงานใหม่ · reopen accepted divisions (store)",
    "history": "ประวัติทุกรอบทุกปี · the history workbook (store)",
    "export": "ส่งออกคลังข้อมูลเป็น CSV · the store's tables as CSV",
}


class LazyGroup(click.Group):
    """A group whose commands are imported when used (click's documented lazy-loading pattern)."""

    def __init__(self, *args, lazy: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy:
            module_name, attr = self.lazy[name].split(":")
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name != module_name:
                    raise
                return None
            return getattr(module, attr)
        return super().get_command(ctx, name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Short help from a table, so that listing commands imports none of them.
        rows = [(name, SHORT_HELP.get(name, "")) for name in self.list_commands(ctx) if name in SHORT_HELP]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@LANG
@click.option("--debug", is_flag=True, help="แสดงรายละเอียดเมื่อโปรแกรมผิดพลาด · show tracebacks.")
@click.version_option(__version__, prog_name="ita-xlsx")
@click.pass_context
def cli(ctx: click.Context, lang: str | None, debug: bool) -> None:
    """ita-xlsx: แผน แบบรายงาน และการรวบรวมผลมาตรการ ITA ของหน่วยงานด้วย Excel

    Plan, division workbooks, collection and reports of ITA integrity measures.

    \b
    ขั้นตอน · workflow:
      ita-xlsx plan check workbook_templates/plan-2566.yaml
      ita-xlsx templates --plan workbook_templates/plan-2566.yaml --out แบบรายงาน
      ita-xlsx collect --plan workbook_templates/plan-2566.yaml --out สรุป.xlsx ไฟล์ที่ส่งกลับ/
      ita-xlsx mail สรุป.xlsx --to nayok@example.go.th
    ลองทั้งหมดกับข้อมูลตัวอย่าง · try it all on the sample:  ita-xlsx demo
    """
    messages.set_language(lang)
    ctx.obj = {"debug": debug or bool(os.environ.get("ITA_DEBUG"))}


def main() -> None:
    """Entry point: no traceback for a user's mistake; ``--debug`` shows one for our own bugs."""
    _tolerant_output()
    _early_language(sys.argv[1:])
    try:
        cli.main(prog_name="ita-xlsx", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo(messages.text("cli.interrupted"), err=True)
        sys.exit(130)
    except click.ClickException as exc:
        no_args = getattr(click.exceptions, "NoArgsIsHelpError", ())  # click 8.2+: the help itself
        if (
            isinstance(exc, click.UsageError)
            and not isinstance(exc, no_args)
            and messages.get_language() == "th"
        ):
            from ita_xlsx.cli.usage import thai_usage_error

            click.echo(thai_usage_error(exc), err=True)
        else:
            exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo(messages.text("cli.interrupted"), err=True)
        sys.exit(130)
    except OSError as exc:  # a folder that cannot be written, a full disk: not a bug, and no traceback
        if "--debug" in sys.argv or os.environ.get("ITA_DEBUG"):
            raise
        from ita_xlsx.core.os_reasons import os_reason

        reason = os_reason(exc)
        if exc.filename:
            said = messages.text("cli.os-error", path=str(exc.filename), reason=reason)
        else:
            said = messages.text("cli.os-error-no-path", reason=reason)
        click.echo(said, err=True)
        _quiet_cleanup_after(exc)
        sys.exit(2)
    except Exception as exc:  # our own bug: say so plainly, show details only on request
        if "--debug" in sys.argv or os.environ.get("ITA_DEBUG"):
            raise
        click.echo(messages.text("cli.internal-error", error=f"{type(exc).__name__}: {exc}"), err=True)
        sys.exit(3)


def _quiet_cleanup_after(error: OSError) -> None:
    """After the one clear message, nothing more: files that are let go as the program ends try to
    write again and fail the same way (a full disk), which Python would print as "Exception
    ignored in ..." with a traceback."""
    default = sys.unraisablehook

    def hook(unraisable) -> None:
        if not isinstance(unraisable.exc_value, OSError):
            default(unraisable)

    sys.unraisablehook = hook
    error.__traceback__ = None  # the frames that hold the half-written files
    gc.collect()


def _tolerant_output() -> None:
    """Write a character the output's encoding lacks as a look-alike (or ``?``), never fail on it.

    On Windows, output redirected to a file or a pipe is written in the locale's code page (cp874
    on a Thai system), which has the Thai letters but not ✔ › or ·. The console itself, and UTF-8
    everywhere else, show every character.
    """
    codecs.register_error("ita-xlsx-lookalike", _lookalike)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", None) in ("strict", "backslashreplace"):
            with contextlib.suppress(ValueError, OSError):  # a stream that cannot change now: left as is
                reconfigure(errors="ita-xlsx-lookalike")


_LOOKALIKES = {"›": ">", "·": "-", "✔": "/", "✘": "X", "–": "-", "→": "->", "…": "..."}


def _lookalike(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(_LOOKALIKES.get(ch, "?") for ch in bad), error.end


def _early_language(args: list[str]) -> None:
    """--lang before the command is parsed: an error in resolving the command is said in it too."""
    for i, arg in enumerate(args):
        value = args[i + 1] if arg == "--lang" and i + 1 < len(args) else arg.partition("=")[2]
        if (arg == "--lang" or arg.startswith("--lang=")) and value in messages.LANGUAGES:
            messages.set_language(value)
            return
