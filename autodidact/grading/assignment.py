"""What is graded: an assignment (lessons, secret, due date) and a submission's inventory.

An :class:`Assignment` lists the lessons to grade (the whole course by default, or a subset from
``--lessons 1,2,3`` or a JSON manifest ``--assignment FILE``)::

    {"name": "autodiff-week-1", "lessons": [1, 2, 3], "secret": "...", "due": "2026-12-10T23:59:00+00:00",
     "checks": "hidden-checks/"}

Each lesson is expected under its exercise notebook's name (``02_chain_rule.ipynb``); its identity
comes from that name in the manifest, never from metadata inside the notebook, which the student
controls. :func:`take_inventory` reads a submission (a folder, or a ``.zip``) into a private copy:
regular files only (symlinks, devices and files outside the submission are listed and ignored),
each notebook read with nbformat (older formats converted to version 4). Missing notebooks are
listed and score 0; extra files and duplicates (a second notebook for a lesson already present) are
listed and ignored.

Random inputs come from a seed derived from the assignment's secret and the student's id, so a
regrade gives the same marks and students cannot predict each other's inputs.
"""
import hashlib
import json
import re
import secrets
import shutil
import stat
import warnings
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

MAX_NOTEBOOK_BYTES = 20 * 1024**2
MAX_SUBMISSION_BYTES = 100 * 1024**2
MAX_FILES = 2000
DEFAULT_SECRET = "autodidact"  # set a secret of your own: with this one, inputs can be predicted


class AssignmentError(ValueError):
    """The manifest or the options describe no assignment that can be graded."""


@dataclass
class Assignment:
    name: str = "autodidact"
    lessons: list = None
    secret: str = DEFAULT_SECRET
    due: datetime = None
    checks: str = None   # folder of hidden checks

    def __post_init__(self):
        from .checks import NOTEBOOKS

        if self.lessons is None:
            self.lessons = sorted(NOTEBOOKS)
        unknown = [lesson for lesson in self.lessons if lesson not in NOTEBOOKS]
        if unknown:
            raise AssignmentError(f"no such lesson: {unknown}; the course's lessons are {sorted(NOTEBOOKS)}.")

    @property
    def notebooks(self):
        from .checks import NOTEBOOKS

        return {lesson: NOTEBOOKS[lesson] for lesson in self.lessons}

    def seed_for(self, student):
        """The seed of one student's inputs: reproducible, and unpredictable without the secret."""
        return hashlib.sha256(f"{self.secret}\x00{self.name}\x00{student}".encode()).hexdigest()[:16]

    def past_due(self, now=None):
        return self.due is not None and (now or datetime.now(timezone.utc)) >= self.due

    @classmethod
    def load(cls, path=None, lessons=None, secret=None, checks=None, due=None):
        data = {}
        if path:
            try:
                data = json.loads(Path(path).read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                raise AssignmentError(f"cannot read the assignment manifest {path}: {error}") from None
            if not isinstance(data, dict):
                raise AssignmentError(f"{path} should hold a JSON object with 'lessons', 'secret', 'due'.")
            if data.get("checks") and not Path(data["checks"]).is_absolute():
                data["checks"] = str(Path(path).parent / data["checks"])
        if lessons is not None:
            data["lessons"] = lessons
        if secret is not None:
            data["secret"] = secret
        if checks is not None:
            data["checks"] = checks
        if due is not None:
            data["due"] = due
        due_value = data.get("due")
        if isinstance(due_value, str):
            try:
                due_value = datetime.fromisoformat(due_value)
            except ValueError:
                raise AssignmentError(f"the due date {due_value!r} is not an ISO date (2026-12-10T23:59:00+00:00).") from None
            if due_value.tzinfo is None:
                due_value = due_value.replace(tzinfo=timezone.utc)
        lesson_list = data.get("lessons")
        if lesson_list is not None:
            try:
                lesson_list = sorted({int(n) for n in lesson_list})
            except (TypeError, ValueError):
                raise AssignmentError(f"'lessons' should be a list of lesson numbers, not {lesson_list!r}.") from None
        return cls(name=str(data.get("name", "autodidact")), lessons=lesson_list,
                   secret=str(data.get("secret") or DEFAULT_SECRET), due=due_value, checks=data.get("checks"))


def parse_lessons(text):
    """'1,2,5-7' -> [1, 2, 5, 6, 7]."""
    lessons = set()
    for part in str(text).split(","):
        part = part.strip()
        if re.fullmatch(r"\d+-\d+", part):
            low, high = (int(n) for n in part.split("-"))
            lessons.update(range(low, high + 1))
        elif part.isdigit():
            lessons.add(int(part))
        elif part:
            raise AssignmentError(f"--lessons takes numbers like 1,2,5-7, not {part!r}.")
    return sorted(lessons)


@dataclass
class Inventory:
    """A submission as the judge sees it: which notebook is graded for which lesson, and what was not."""
    student: str
    copy_dir: Path
    graded: dict = field(default_factory=dict)     # lesson -> (file name, nbformat notebook)
    missing: list = field(default_factory=list)    # lessons with no notebook
    unreadable: dict = field(default_factory=dict)  # lesson -> why its notebook could not be read
    ignored: list = field(default_factory=list)    # (name, why) for extras, duplicates, links
    notes: list = field(default_factory=list)      # what the judge should tell about the graded files


def _safe_members(archive, destination):
    """Extract regular files of a zip into destination; returns notes on what was skipped."""
    skipped, total = [], 0
    for info in archive.infolist()[:MAX_FILES]:
        name = info.filename
        mode = (info.external_attr >> 16) & 0o170000
        target = (destination / name).resolve()
        if info.is_dir():
            continue
        if mode == stat.S_IFLNK or destination.resolve() not in target.parents or name.startswith("/"):
            skipped.append((name, "a link or a path outside the submission"))
            continue
        total += info.file_size
        if total > MAX_SUBMISSION_BYTES:
            skipped.append((name, "the submission is larger than the limit"))
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(info) as source, open(target, "wb") as out:
            shutil.copyfileobj(source, out)
    return skipped


def _copy_regular_files(source, destination):
    """Copy regular files only (never following a link); returns notes on what was skipped."""
    skipped, total, count = [], 0, 0
    source = Path(source)
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        try:
            info = path.lstat()
        except OSError:
            continue
        if any(part.startswith(".ipynb_checkpoints") for part in relative.parts):
            continue
        if stat.S_ISLNK(info.st_mode):
            skipped.append((str(relative), "a symbolic link (links are not followed)"))
        elif stat.S_ISDIR(info.st_mode):
            continue
        elif not stat.S_ISREG(info.st_mode):
            skipped.append((str(relative), "not a regular file"))
        elif any(stat.S_ISLNK(p.lstat().st_mode) for p in list(path.parents)[: len(relative.parts) - 1]):
            continue  # inside a linked folder: reported as the link itself
        else:
            count += 1
            total += info.st_size
            if count > MAX_FILES or total > MAX_SUBMISSION_BYTES:
                skipped.append((str(relative), "the submission is larger than the limit"))
                continue
            target = destination / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "rb") as handle, open(target, "wb") as out:  # opened as found: lstat said regular
                shutil.copyfileobj(handle, out)
    return skipped


def take_inventory(submission, assignment, copy_dir, student=None):
    """Copy the submission into ``copy_dir`` (a new private folder) and match notebooks to lessons."""
    submission = Path(submission)
    copy_dir = Path(copy_dir)
    copy_dir.mkdir(parents=True, exist_ok=True)
    student = student or (submission.stem if submission.suffix == ".zip" else submission.name)
    inventory = Inventory(student, copy_dir)
    if submission.is_file() and submission.suffix == ".zip":
        try:
            with zipfile.ZipFile(submission) as archive:
                inventory.ignored += _safe_members(archive, copy_dir)
        except (zipfile.BadZipFile, OSError) as error:
            inventory.ignored.append((submission.name, f"not a readable zip file ({error})"))
        _flatten_single_folder(copy_dir)
    elif submission.is_file() and submission.suffix == ".ipynb":
        shutil.copyfile(submission, copy_dir / submission.name)
    elif submission.is_dir():
        inventory.ignored += _copy_regular_files(submission, copy_dir)
    expected = assignment.notebooks
    by_name = {name: lesson for lesson, name in expected.items()}
    found = {}
    for path in sorted(copy_dir.rglob("*.ipynb")):
        relative = str(path.relative_to(copy_dir))
        lesson = by_name.get(relative)
        if lesson is not None:
            found[lesson] = path
    copies = {}
    for lesson, name in expected.items():
        if lesson not in found:
            copies[lesson] = [p for p in sorted(copy_dir.glob("*.ipynb")) if _is_renamed_copy(p.name, name)]
            if len(copies[lesson]) == 1:
                (found[lesson],) = copies[lesson]
                inventory.notes.append(f"graded {found[lesson].name} as lesson {lesson}'s notebook: its name is "
                                       f"{name} with a copy's suffix; name it {name} next time.")
    for path in sorted(copy_dir.rglob("*.ipynb")):
        relative = str(path.relative_to(copy_dir))
        if relative in by_name or path in found.values():
            continue
        match = re.match(r"(\d+)", path.name)
        lesson = int(match.group(1)) if match else None
        if lesson in expected and lesson in found:
            inventory.ignored.append((relative, f"a second notebook for lesson {lesson}; "
                                                f"{expected[lesson]} is the one graded"))
        elif lesson in expected and path.name == expected[lesson]:
            inventory.ignored.append((relative, f"not graded: lesson {lesson}'s notebook must sit at the top "
                                                f"of the submission, not in the folder {path.parent.relative_to(copy_dir)}/"))
        elif lesson in expected and len(copies.get(lesson, ())) > 1:
            inventory.ignored.append((relative, f"not graded: lesson {lesson}'s notebook must be named "
                                                f"{expected[lesson]}, and {len(copies[lesson])} copies of it "
                                                "are here, so the grader cannot tell which one counts"))
        elif lesson in expected:
            inventory.ignored.append((relative, f"not graded: lesson {lesson}'s notebook must be named "
                                                f"{expected[lesson]}"))
        else:
            inventory.ignored.append((relative, "not part of this assignment"))
    for lesson in expected:
        path = found.get(lesson)
        if path is None:
            inventory.missing.append(lesson)
            continue
        notebook, problem = read_notebook(path)
        if notebook is None:
            inventory.unreadable[lesson] = problem
        else:
            inventory.graded[lesson] = (str(path.relative_to(copy_dir)), notebook)
    return inventory


def _is_renamed_copy(file_name, expected):
    """'02_chain_rule (1).ipynb' (a browser's second download) or '02_chain_rule-Copy1.ipynb' (Jupyter's
    File > Duplicate): the expected notebook under a name the learner did not choose."""
    stem = re.escape(expected[: -len(".ipynb")])
    return re.fullmatch(rf"{stem}(?: ?\(\d+\)|-Copy\d+)\.ipynb", file_name) is not None


def _flatten_single_folder(folder):
    """A zip of one folder ('alice/01_...ipynb'): use that folder's contents."""
    entries = [p for p in folder.iterdir() if p.name != "__MACOSX"]
    if len(entries) == 1 and entries[0].is_dir() and not list(folder.glob("*.ipynb")):
        inner = entries[0].rename(folder / f".flatten-{secrets.token_hex(4)}")  # 'x/x/...' would collide
        for item in inner.iterdir():
            if not (folder / item.name).exists():
                shutil.move(str(item), folder / item.name)
        try:
            inner.rmdir()
        except OSError:  # something it held clashed with a name beside it: listed among the ignored files
            pass


def read_notebook(path):
    """(nbformat notebook, "") or (None, why it cannot be graded). Older formats are converted to v4."""
    import nbformat

    path = Path(path)
    try:
        if path.stat().st_size > MAX_NOTEBOOK_BYTES:
            return None, f"the file is larger than {MAX_NOTEBOOK_BYTES // 1024**2} MB."
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return None, f"could not read the file: {error}"
    try:
        raw = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        where = f" ({error.msg} at line {error.lineno}, column {error.colno})" if hasattr(error, "msg") else ""
        return None, (f"this file is not valid JSON{where}, so it is not a notebook Jupyter can open. Was it "
                      "edited in a text editor, or cut short? Restore it from a backup or a fresh copy and redo "
                      "the exercises.")
    if not isinstance(raw, dict) or ("cells" not in raw and "worksheets" not in raw):
        return None, "this JSON file is not a Jupyter notebook (it has no 'cells')."
    try:
        with warnings.catch_warnings():
            # cells without ids (notebooks from before nbformat 4.5) are fine: the grader does not
            # use ids, and nbformat's warning would only clutter the instructor's terminal
            warnings.simplefilter("ignore", getattr(nbformat.validator, "MissingIDFieldWarning", Warning))
            notebook = nbformat.reads(text, as_version=4)
    except Exception as error:  # nbformat's validation errors come in several classes
        return None, f"this is not a valid notebook: {str(error).splitlines()[0][:200]}"
    if not isinstance(notebook.get("cells"), list):
        return None, "this notebook has no list of cells."
    return notebook, ""
