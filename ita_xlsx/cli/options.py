"""The command line's vocabulary: every option that more than one command takes, defined once.

Each option has one help text, Thai first then English (``ไทย · English.``); where commands
differ in what the option names (a workbook, a folder) or in its default, the builder here says
so in the same words. Commands take their options from here and define only their own.
Every option made here is a :class:`SharedOption`, so a test can tell a shared option from one a
command defined for itself. Imports only click and the message catalogue (the date reader and
the mail settings' TLS modes when they are used): ``ita-xlsx --help`` reads this module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import click

from ita_xlsx import messages


class SharedOption(click.Option):
    """An option of the shared vocabulary (made by this module)."""


def _option(*decls: str, th: str, en: str, **kwargs) -> Callable:
    return click.option(*decls, cls=SharedOption, help=f"{th} · {en}.", **kwargs)


def _default(th: str | None, en: str | None) -> tuple[str, str]:
    """The "(ค่าเริ่มต้น: ...)" and "(default: ...)" parts of a help text; empty without one."""
    return (f" (ค่าเริ่มต้น: {th})", f" (default: {en})") if th and en else ("", "")


_FILE = click.Path(dir_okay=False, path_type=Path)
_EXISTING_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
_FOLDER = click.Path(file_okay=False, path_type=Path)

# -- the whole program --------------------------------------------------------------------------
LANG = _option(
    "--lang",
    type=click.Choice(messages.LANGUAGES),
    default=None,
    th="ภาษาของข้อความ (th, en); หรือตั้ง ITA_LANG",
    en="message language",
)


# -- the plan and the round ---------------------------------------------------------------------
def plan_option(*, required: bool = True, exists: bool = False, when_th: str = "", when_en: str = ""):
    """--plan: the plan file (``when_*``: when a command needs it only sometimes)."""
    return _option(
        "--plan",
        "plan_file",
        required=required,
        type=_EXISTING_FILE if exists else _FILE,
        th=f"ไฟล์แผน (.yaml หรือ .xlsx){when_th}",
        en=f"the plan file{when_en}",
    )


PLAN = plan_option()


def round_option(*, required: bool = False, default_th: str | None = None, default_en: str | None = None):
    """--round: the reporting round's id, and what a command takes without it."""
    said_th, said_en = _default(default_th, default_en)
    return _option(
        "--round",
        "round_id",
        required=required,
        default=None,
        th=f"รอบรายงาน เช่น 6m{said_th}",
        en=f"the round{said_en}",
    )


ROUND = round_option(default_th="รอบของไฟล์", default_en="the files' round")
ROUND_REQUIRED = round_option(required=True)


class ThaiDate(click.ParamType):
    """A date as a clerk types it: 2023-03-31, 31/3/2566 or ๓๑/๓/๒๕๖๖ (either era, Thai digits)."""

    name = "date"

    def convert(self, value, param, ctx) -> dt.date:
        if isinstance(value, dt.date):
            return value
        from ita_xlsx.core import thaidates

        parsed = thaidates.parse_date(value)
        if parsed.value is None or not 1900 <= parsed.value.year <= 2200:
            hint = param.get_error_hint(ctx) if param is not None else None  # '--as-of', as always said
            raise click.BadParameter(
                messages.text("collect.bad-as-of", value=value), ctx=ctx, param_hint=hint
            )
        return parsed.value


AS_OF = _option(
    "--as-of",
    "as_of",
    type=ThaiDate(),
    default=None,
    metavar="DATE",
    th="วันที่ของข้อมูล (YYYY-MM-DD หรือ 31/3/2566; ค่าเริ่มต้น: วันนี้)",
    en="the as-of date (default: today)",
)


def warn_far_as_of(as_of: dt.date | None, plan) -> dt.date | None:
    """The --as-of date as given; a warning on stderr when it lies over a year outside the plan's year."""
    if as_of is None:
        return None
    from ita_xlsx.core import thaidates

    start, end = thaidates.fiscal_year_bounds(plan.fiscal_year)
    if not start - dt.timedelta(days=366) <= as_of <= end + dt.timedelta(days=366):
        said = messages.text("collect.as-of-far", date=thaidates.format_thai(as_of), year=plan.fiscal_year)
        click.echo(said, err=True)
    return as_of


INPUTS = click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))


# -- what a command writes ----------------------------------------------------------------------
def out_file(what_th: str, what_en: str, suffix: str, *, also_th: str = "", also_en: str = ""):
    """--out: the one file a command writes (``suffix``: its kind)."""
    return _option(
        "--out",
        "out",
        required=True,
        type=_FILE,
        th=f"ไฟล์{what_th}ที่จะเขียน ({suffix}){also_th}",
        en=f"{what_en} to write{also_en}",
    )


def out_folder(
    what_th: str,
    what_en: str,
    *,
    default: Path | str | None = None,
    required: bool = False,
    default_th: str | None = None,
    default_en: str | None = None,
):
    """--out: the folder a command writes its files into."""
    said_th, said_en = _default(default_th, default_en)
    return _option(
        "--out",
        "out_dir",
        required=required,
        default=default,
        show_default=default is not None,
        type=_FOLDER,
        th=f"โฟลเดอร์ที่จะเขียน{what_th}{said_th}",
        en=f"the folder for {what_en}{said_en}",
    )


def force_option(what_th: str, what_en: str):
    """--force: overwrite what exists already."""
    return _option("--force", is_flag=True, th=f"เขียนทับ{what_th}", en=f"overwrite {what_en}")


PASSWORD = _option(
    "--password",
    envvar="ITA_TEMPLATE_PASSWORD",
    show_envvar=True,
    default=None,
    th="รหัสผ่านปลดล็อกแผ่นงาน (ไม่ระบุ: สุ่มและบันทึกไว้ในโฟลเดอร์)",
    en="sheet-protection password (default: a random one, saved in the folder)",
)

JOBS = _option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    th="จำนวนโปรเซสที่อ่านไฟล์พร้อมกัน (ค่าเริ่มต้น: ตามจำนวนแกนเมื่อมีไฟล์มาก)",
    en="worker processes (default: one per core when there are many files; 1: none)",
)


# -- the office store ---------------------------------------------------------------------------
def store_option(
    *,
    required: bool,
    made: bool = True,
    env: bool = True,
    dest: str = "store_path",
    any_path: bool = False,
    note_th: str = "",
    note_en: str = "",
):
    """--store (or ITA_STORE): the office store's file (``made``: made when absent; ``note``: what
    the command keeps in it)."""
    made_th = "; สร้างให้เมื่อยังไม่มี" if made else ""
    said_en = ", ".join(([note_en] if note_en else []) + (["made when absent"] if made else []))
    return _option(
        "--store",
        dest,
        envvar="ITA_STORE" if env else None,
        show_envvar=env,
        required=required,
        default=None,
        type=click.Path(path_type=Path) if any_path else _FILE,
        th=f"คลังข้อมูลของสำนักงาน (ไฟล์ .sqlite{made_th}{'; ' + note_th if note_th else ''})",
        en=f"the office store{f' ({said_en})' if said_en else ''}",
    )


STORE = store_option(required=False)
STORE_REQUIRED = store_option(required=True, made=False)
YEAR = _option(
    "--year",
    "fiscal_year",
    type=int,
    default=None,
    th="ปีงบประมาณ พ.ศ. (ค่าเริ่มต้น: ปีล่าสุดของรอบนี้)",
    en="fiscal year (default: the round's latest)",
)
NOTE = _option("--note", default="", th="บันทึกประกอบ", en="a note kept with the decision")


# -- mail -----------------------------------------------------------------------------------------
def config_option(*, use_th: str = "", use_en: str = ""):
    """--config: the mail settings file (``use_*``: what a command that does not only mail uses it for)."""
    return _option(
        "--config",
        "config_file",
        type=_EXISTING_FILE,
        th=f"ไฟล์ตั้งค่าอีเมล (แทนไฟล์ในโฟลเดอร์ตั้งค่าของผู้ใช้){use_th}",
        en=f"the mail settings file (instead of the one in the user's config folder){use_en}",
    )


CONFIG = config_option()


def smtp_options(command: Callable) -> Callable:
    """The server options of the commands that send mail; they override the config file."""
    from ita_xlsx.mail.config import TLS_MODES

    options = (
        CONFIG,
        _option("--smtp-host", th="เซิร์ฟเวอร์ SMTP เช่น smtp.gmail.com", en="SMTP server"),
        _option(
            "--smtp-port",
            type=click.IntRange(1, 65535),
            th="พอร์ต (ค่าเริ่มต้น 587 starttls, 465 ssl, 25 none)",
            en="port",
        ),
        _option("--tls", type=click.Choice(TLS_MODES), th="การเข้ารหัส", en="TLS mode"),
        _option("--user", th="ชื่อผู้ใช้สำหรับเข้าสู่ระบบ", en="login name"),
        _option("--from", "sender", metavar="ADDR", th="ที่อยู่ผู้ส่ง", en="From address"),
        _option(
            "--timeout",
            type=click.FloatRange(0, min_open=True),
            th="รอเซิร์ฟเวอร์ได้นานกี่วินาที (ค่าเริ่มต้น 30) ข้อความหนึ่งใช้ได้ไม่เกิน 4 เท่า",
            en="seconds to wait for the server; a message may take 4 times that in all",
        ),
        _option(
            "--cafile",
            type=_EXISTING_FILE,
            th="ไฟล์ใบรับรอง CA เพิ่มเติม (PEM)",
            en="extra CA certificates to trust",
        ),
    )
    for option in reversed(options):
        command = option(command)
    return command
