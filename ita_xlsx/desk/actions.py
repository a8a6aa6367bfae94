"""What the desk does for the coordinator: the consolidated workbook, feedback, reminders.

Each action calls the library as the commands do and returns a :class:`Done`: the files written
(inside the output folder) and the problems worth showing. Nothing here reads a request.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ita_xlsx import messages
from ita_xlsx.core import problems
from ita_xlsx.core.problems import Problem
from ita_xlsx.desk.board import Board

FEEDBACK_FOLDER = "feedback"
REMINDERS_FOLDER = "reminders"


@dataclass
class Done:
    written: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # what happened, in the user's words


def summary_path(board: Board, out_dir: Path) -> Path:
    """``ITA2566_6m_summary.xlsx`` in the output folder (its .json and .pdf beside it)."""
    return out_dir / f"ITA{board.plan.fiscal_year}_{board.round.id}_summary.xlsx"


def write_consolidated(board: Board, folder: Path, out_dir: Path, *, pdf: bool) -> Done:
    """The consolidated workbook and its JSON (and the PDF report when asked) from the board's results."""
    from ita_xlsx.publish.outputs import write_outputs

    out_dir.mkdir(parents=True, exist_ok=True)
    written, found = write_outputs(board.results, summary_path(board, out_dir), inputs=[folder], pdf=pdf)
    return Done(written, found)


def write_division_feedback(
    board: Board,
    folder: Path,
    out_dir: Path,
    division: str | None,
    *,
    password: str | None = None,
    sent: Callable[[str, list], None] | None = None,
) -> Done:
    """A feedback workbook for ``division`` (every division that needs one when None).

    ``sent`` is told what went back (the office store keeps it: the next check says what was fixed).
    """
    from ita_xlsx.feedback.workbook import write_feedback

    target = out_dir / FEEDBACK_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    written, found = write_feedback(
        board.plan,
        [folder],
        target,
        round_id=board.round.id,
        as_of=board.as_of,
        password=password,
        divisions=None if division is None else {division},
        sent=sent,
    )
    if division is not None:  # that division's problems, and the notes about the password
        found = [p for p in found if _about(p, division)]
    lines = [] if written else [messages.text("desk.done.feedback-none")]
    return Done(written, found, lines)


def _about(problem: Problem, division: str) -> bool:
    if problem.code == "division-not-received":
        return False
    return problem.division == division or (problem.division is None and problem.file is None)


def remind(board: Board, folder: Path, out_dir: Path, *, send: bool, config: Path | None) -> Done:
    """Reminders to the divisions that sent nothing or have overdue or due-soon measures.

    Made from the results JSON, written first with the consolidated workbook. Without ``send``
    each is written as an .eml draft; with it, sent with the mail settings (config file, and the
    password from the environment or the keyring: the desk never asks for one).
    """
    from ita_xlsx.mail import remind as reminders
    from ita_xlsx.mail.results import read_results, results_path_for

    done = write_consolidated(board, folder, out_dir, pdf=False)
    results, found = read_results(results_path_for(summary_path(board, out_dir)), required=True)
    done.problems += found
    if results is None:
        return done
    done.problems += reminders.check_plan(board.plan, results)
    if problems.has_errors(done.problems):
        return done
    wanted, found = reminders.find_reminders(board.plan, results)
    done.problems += found
    if not wanted:
        done.lines.append(messages.text("desk.done.remind-none"))
        return done
    if send:
        return _send(done, wanted, results, board, config)
    drafts = out_dir / REMINDERS_FOLDER
    drafts.mkdir(parents=True, exist_ok=True)
    settings, found = _settings(config)
    done.problems += found
    for _, path in reminders.write_reminders(
        wanted, results, board.plan, drafts, sender=settings.from_header
    ):
        done.written.append(path)
    return done


def _settings(config: Path | None):
    from ita_xlsx.mail.config import load_settings

    return load_settings(config, {})


def _send(done: Done, wanted, results, board: Board, config: Path | None) -> Done:
    from ita_xlsx.mail import remind as reminders
    from ita_xlsx.mail.config import PASSWORD_ENV, find_password, sending_problems
    from ita_xlsx.mail.send import send_all

    settings, found = _settings(config)
    done.problems += found + sending_problems(settings)
    password = find_password(settings) if settings.user else None
    if settings.user and password is None:
        done.problems.append(problems.error("mail-no-password", user=settings.user, env=PASSWORD_ENV))
    if problems.has_errors(done.problems):
        return done
    outgoing = reminders.outgoing(wanted, results, board.plan, sender=settings.from_header)
    outcomes = send_all(settings, password, outgoing)
    for outcome in outcomes:
        if outcome.sent:
            done.lines.append(
                messages.text(
                    "desk.done.remind-sent-one", label=outcome.label, to=", ".join(outcome.accepted)
                )
            )
        if outcome.problem is not None:
            done.lines.append(messages.text("desk.done.remind-failed", label=outcome.label))
            done.problems.append(outcome.problem)
    done.lines.append(
        messages.text("desk.done.remind-sent", sent=sum(o.ok for o in outcomes), total=len(outcomes))
    )
    return done
