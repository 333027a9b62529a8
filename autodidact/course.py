"""``autodidact init DIR`` and ``autodidact lab [DIR]``: put the course on a learner's disk and open it.

The course is the lesson notebooks (``notebooks/``) and the graded exercises (``exercises/``).
Where they are depends on how autodidact was installed:

- from a checkout of the repository (``pip install -e .`` or ``PYTHONPATH=.``): next to the
  package, at the top of the repository;
- from a wheel (``pip install autodidact``): the wheel carries the course as data files, installed
  under ``<prefix>/share/autodidact/`` (``sys.prefix``, or the user base for ``pip install --user``);
- a build that copies the course into the package itself would put it at ``autodidact/_course/``.

``course_root()`` finds whichever exists. ``init`` copies the course into a folder the learner
owns (never overwriting their work unless asked), and ``lab`` starts JupyterLab there.
"""
import argparse
import importlib.util
import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

COURSE_PARTS = ("notebooks", "exercises")
DEFAULT_DIR = "autodidact-course"

# Files that belong to the repository's tooling, not to the learner's copy of the course.
_IGNORED_NAMES = {"__pycache__", ".ipynb_checkpoints", ".pytest_cache", ".DS_Store"}
_IGNORED_SUFFIXES = {".pyc"}
_IGNORED_FILES = {"build.py", "nbval_sanitize.cfg", "conftest.py"}
_IGNORED_DIRS = {Path("notebooks", "lessons")}  # the sources the notebooks are built from

LAB_INSTALL_HINT = (
    "JupyterLab is not installed, so 'autodidact lab' cannot open the course.\n"
    "Install it with:\n\n"
    "    pip install 'autodidact[lab]'\n\n"
    "(or 'pip install jupyterlab'). You can also open the notebooks in any Jupyter front end, "
    "e.g. VS Code or 'jupyter notebook'."
)


def _is_course(path):
    return (path / "notebooks").is_dir() and any((path / "notebooks").glob("*.ipynb"))


def _shared_data_dirs():
    """Where pip puts the wheel's data files: ``<prefix>/share/autodidact`` for each prefix."""
    prefixes = [sys.prefix, getattr(sys, "base_prefix", sys.prefix)]
    user_base = getattr(site, "USER_BASE", None)
    if user_base:
        prefixes.append(user_base)
    return [Path(prefix) / "share" / "autodidact" for prefix in dict.fromkeys(prefixes)]


def course_root(package_dir=None, data_dirs=None):
    """The folder that holds ``notebooks/`` and ``exercises/`` for this installation.

    A repository checkout wins over installed data, so that an editable install shows the lessons
    being edited. Raises FileNotFoundError (saying what to do) when no copy is found, which means
    the installation is broken.
    """
    package_dir = Path(__file__).resolve().parent if package_dir is None else Path(package_dir)
    data_dirs = _shared_data_dirs() if data_dirs is None else [Path(d) for d in data_dirs]
    candidates = [package_dir / "_course", package_dir.parent, *data_dirs]
    for candidate in candidates:
        if _is_course(candidate):
            return candidate
    searched = "\n".join(f"  {c}" for c in candidates)
    raise FileNotFoundError(
        "The course notebooks were not found in this installation of autodidact. Looked in:\n"
        f"{searched}\nReinstall the package (pip install --force-reinstall autodidact), or run from a "
        "checkout of the repository."
    )


def course_files(root):
    """Every file of the course under ``root``, as paths relative to it, in a stable order."""
    files = []
    for part in COURSE_PARTS:
        base = root / part
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            relative = path.relative_to(root)
            if any(name in _IGNORED_NAMES for name in relative.parts):
                continue
            if any(ignored in relative.parents for ignored in _IGNORED_DIRS):
                continue
            if not path.is_file() or path.suffix in _IGNORED_SUFFIXES or path.name in _IGNORED_FILES:
                continue
            files.append(relative)
    return files


def copy_course(destination, force=False, root=None):
    """Copy the course into ``destination``; returns (copied, kept) lists of relative paths.

    A file that already exists in ``destination`` with different content is kept as it is (it may
    hold the learner's answers) unless ``force`` is true. Identical files are simply skipped.
    """
    root = course_root() if root is None else Path(root)
    destination = Path(destination)
    if destination.exists() and not destination.is_dir():
        raise NotADirectoryError(f"{destination} exists and is not a folder: choose another path.")
    copied, kept = [], []
    for relative in course_files(root):
        source, target = root / relative, destination / relative
        if target.exists():
            if target.read_bytes() == source.read_bytes():
                continue
            if not force:
                kept.append(relative)
                continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        copied.append(relative)
    return copied, kept


def init_main(argv):
    """``autodidact init [DIR] [--force]``: copy the lessons and exercises into DIR."""
    parser = argparse.ArgumentParser(
        prog="autodidact init",
        description="Copy the course (lesson notebooks and graded exercises) into a folder you own.",
    )
    parser.add_argument("directory", nargs="?", default=DEFAULT_DIR,
                        help=f"where to put the course (default: ./{DEFAULT_DIR})")
    parser.add_argument("--force", action="store_true",
                        help="overwrite files that you have changed (your answers are lost)")
    args = parser.parse_args(argv)
    destination = Path(args.directory)
    try:
        copied, kept = copy_course(destination, force=args.force)
    except (FileNotFoundError, NotADirectoryError) as error:
        print(f"autodidact init: {error}", file=sys.stderr)
        return 1
    if copied:
        print(f"Copied {len(copied)} course files into {destination}/")
    else:
        print(f"{destination}/ already holds the whole course; nothing to copy.")
    if kept:
        print(f"Kept {len(kept)} file(s) you have changed (use --force to replace them):")
        for relative in kept:
            print(f"  {relative}")
    notebooks = destination / "notebooks"
    print(f"\nStart with {notebooks / '01_derivatives.ipynb'} — the path through the course is in "
          f"{notebooks / 'README.md'}.")
    print(f"Open it in JupyterLab with:  autodidact lab {destination}")
    return 0


ROOT_OPTIONS = ("--allow-root", "--ServerApp.allow_root")


def running_as_root():
    return hasattr(os, "geteuid") and os.geteuid() == 0


def jupyterlab_available():
    return importlib.util.find_spec("jupyterlab") is not None


def launch(command, cwd):
    """Run JupyterLab and wait until it exits; returns its exit code (tests replace this function).

    Ctrl+C reaches JupyterLab too (same terminal): it asks for confirmation and shuts its kernels
    down itself, so we keep waiting instead of killing it (subprocess.call would kill it and
    leave the kernels running).
    """
    process = subprocess.Popen(command, cwd=cwd)
    while True:
        try:
            return process.wait()
        except KeyboardInterrupt:
            continue


def lab_main(argv):
    """``autodidact lab [DIR] [jupyter lab options]``: open JupyterLab on the course in DIR."""
    parser = argparse.ArgumentParser(
        prog="autodidact lab",
        description="Open JupyterLab on the course. Other options are passed on to 'jupyter lab'; "
                    "write them with '=' (e.g. --port=8890).",
    )
    parser.add_argument("directory", nargs="?", default=".",
                        help="the folder to open (default: the current folder)")
    args, passthrough = parser.parse_known_args(argv)
    directory = Path(args.directory)
    if not directory.is_dir():
        print(f"autodidact lab: {directory} is not a folder. Create the course there first:\n\n"
              f"    autodidact init {directory}\n", file=sys.stderr)
        return 1
    if not jupyterlab_available():
        print(f"autodidact lab: {LAB_INSTALL_HINT}", file=sys.stderr)
        return 1
    if not (directory / "notebooks").is_dir() and not list(directory.glob("*.ipynb")):
        print(f"Note: {directory} holds no course notebooks. To copy them there: "
              f"autodidact init {directory}")
    allow_root = []
    if running_as_root() and not any(option.startswith(ROOT_OPTIONS) for option in passthrough):
        # Docker and Colab-like images run as root, and Jupyter refuses to start there unless told.
        print("Note: you are running as root (as in many Docker images); Jupyter refuses to start as "
              "root unless asked, so 'autodidact lab' passes --allow-root.")
        allow_root = ["--allow-root"]
    # Open the first lesson straight away, unless the learner named files to open themselves.
    first_lesson = sorted(directory.glob("notebooks/01_*.ipynb"))[:1]
    if any(not option.startswith("-") for option in passthrough):
        first_lesson = []
    command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={directory.resolve()}",
               *[lesson.relative_to(directory).as_posix() for lesson in first_lesson], *allow_root,
               *passthrough]
    return launch(command, cwd=directory)
