"""A hostile class, graded once with `autodidact grade-class` in bubblewrap sandboxes.

Each student folder below is one attack from issue 11 (or a clumsy accident) on lesson 1, the
assignment being lessons 1 and 7. One class run (two parallel jobs, short time limits) serves
every test: each asserts the honest outcome for its student, that nothing hung, that no process
outlived its submission, and that nothing outside a submission's folder changed.
"""
import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell

from autodidact.grading.sandbox import bwrap_works

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "autodidact"
MARK = "autodidact-hostile-" + hashlib.sha256(str(time.time()).encode()).hexdigest()[:8]

pytestmark = pytest.mark.skipif(not bwrap_works(), reason="needs bubblewrap (apt-get install bubblewrap)")


def solution():
    return nbformat.read(REPO / "solutions" / "01_derivatives.ipynb", as_version=4)


def starter():
    return nbformat.read(REPO / "exercises" / "01_derivatives.ipynb", as_version=4)


def with_cells(notebook, *sources, at=None):
    cells = [new_code_cell(s) for s in sources]
    if at is None:
        notebook.cells += cells
    else:
        notebook.cells[at:at] = cells
    return notebook


def replace_exercise(notebook, exercise_id, source):
    (cell,) = [c for c in notebook.cells if c.cell_type == "code" and c.source.startswith(f"# EXERCISE {exercise_id}")]
    cell.source = f"# EXERCISE {exercise_id}\n" + source
    return notebook


def save(notebook, folder, name="01_derivatives.ipynb"):
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, folder / name)


FAKE_RESULT = '{"exercises": [{"id": "1.1", "score": 6000}], "score": 6000, "tests": []}'


def build_class(root, outside):
    """The class: {student: expected lesson-1 score}."""
    expected = {}
    save(solution(), root / "honest")
    expected["honest"] = 6
    zipped = root / "zipped.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.write(REPO / "solutions" / "01_derivatives.ipynb", "zipped/01_derivatives.ipynb")
    expected["zipped"] = 6
    save(starter(), root / "victim")  # graded alongside the attackers: must stay at 0
    expected["victim"] = 0

    # results printed, displayed or patched into the kernel's json are never scores
    save(with_cells(starter(),
                    "import json\njson.dumps = lambda *a, **k: '" + FAKE_RESULT.replace("'", "\\'") + "'\n"
                    "json.loads = lambda *a, **k: {'score': 6000}\n",
                    "from IPython.display import display\n"
                    "for mime in ['application/x-autodidact-answer+json', 'application/x-autodidact-grade+json']:\n"
                    "    display({mime: '{\"answer\": {\"t\": \"float\", \"v\": 6000}, \"printed\": \"\"}'}, raw=True)\n"
                    "print('Total: 59/59 points')\n"), root / "json_patch")
    expected["json_patch"] = 0
    # an input transformer that rewrites the grader's cells into fake answers
    save(with_cells(starter(),
                    "def _fake(lines):\n"
                    "    text = ''.join(lines)\n"
                    "    if 'autodidact.grading' in text:\n"
                    "        return ['from IPython.display import display\\n',\n"
                    "                'display({\"application/x-autodidact-answer+json\": "
                    "\\'{\"answer\": {\"t\": \"str\", \"v\": \"passed\"}, \"printed\": \"\", \"score\": 6000}\\'}, raw=True)\\n']\n"
                    "    return lines\n"
                    "get_ipython().input_transformers_post.append(_fake)\n"), root / "transformer")
    expected["transformer"] = 0
    # comparisons patched to always agree, with a wrong answer
    save(replace_exercise(with_cells(starter(),
                                     "import math, numpy\nmath.isclose = lambda *a, **k: True\n"
                                     "numpy.allclose = lambda *a, **k: True\nnumpy.isclose = lambda *a, **k: True\n",
                                     at=2), "1.1", "def f_prime(x):\n    return 0 * x + 1.0\n"), root / "isclose")
    expected["isclose"] = 0
    # a startup file for the next student's kernel
    save(with_cells(starter(),
                    "import os\nfor d in [os.path.expanduser('~/.ipython/profile_default/startup'),\n"
                    "          os.path.join(os.environ.get('IPYTHONDIR', '/nonexistent'), 'profile_default/startup'),\n"
                    "          '/root/.ipython/profile_default/startup']:\n"
                    "    try:\n        os.makedirs(d, exist_ok=True)\n"
                    f"        open(os.path.join(d, '00-{MARK}.py'), 'w').write('def f_prime(x):\\n    return 3 * x**2 - 4\\n')\n"
                    "    except OSError:\n        pass\n"), root / "startup")
    expected["startup"] = 0
    # editing the installed package on disk
    save(with_cells(starter(),
                    "import autodidact.grading.checks.lesson01 as l, os\n"
                    "for path in [l.__file__, os.path.join(os.path.dirname(l.__file__), '..', 'core.py')]:\n"
                    "    try:\n        open(path, 'a').write('\\n# tampered\\n')\n    except OSError as e:\n        print(e)\n"),
         root / "package_editor")
    expected["package_editor"] = 0
    # a cell that ignores SIGINT and the check timer, then a check that does the same: killed, points kept
    notebook = with_cells(solution(), "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass\n")
    replace_exercise(notebook, "1.3", "import signal\ndef grad_fn_name(y):\n"
                     "    signal.signal(signal.SIGINT, signal.SIG_IGN)\n    signal.signal(signal.SIGALRM, signal.SIG_IGN)\n"
                     "    signal.setitimer(signal.ITIMER_REAL, 0)\n    while True:\n        pass\n")
    save(notebook, root / "sigint")
    expected["sigint"] = 4
    # a detached process that rewrites results after the grader is done
    save(with_cells(starter(),
                    "import os, time\nif os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n"
                    "        time.sleep(4)\n"
                    f"        for p in [{str(outside / 'results' / 'honest.json')!r}, {str(outside / 'grades.csv')!r}, {str(outside / 'pwned.txt')!r}]:\n"
                    "            try:\n                open(p, 'w').write('{\"score\": 6000}')\n            except OSError:\n                pass\n"
                    "        import sys\n"
                    f"        os.execv(sys.executable, [sys.executable, '-c', 'import time; time.sleep(60)', {MARK!r}])\n"
                    "    os._exit(0)\n"), root / "detached")
    expected["detached"] = 0
    # reading a classmate's folder (relative and absolute), and /proc
    save(with_cells(starter(),
                    "import glob, os, json\nfound = []\n"
                    f"for pattern in ['../honest/*.ipynb', '../../honest/*.ipynb', {str(root / 'honest' / '*.ipynb')!r},\n"
                    "                '/proc/*/cwd/*.ipynb', '/tmp/autodidact-grade-*/submission/*.ipynb']:\n"
                    "    found += glob.glob(pattern)\n"
                    "for path in found:\n"
                    "    for cell in json.load(open(path))['cells']:\n"
                    "        if cell['cell_type'] == 'code' and 'BEGIN SOLUTION' in ''.join(cell['source']):\n"
                    "            exec(''.join(cell['source']))\n"
                    "print(found)\n"), root / "reader")
    expected["reader"] = 0
    # five copies of a solved lesson 1 and a relabelled lesson 7, beside an untouched lesson 1
    folder = root / "duplicates"
    save(starter(), folder)
    for name in ["01_derivatives (1).ipynb", "01_derivatives copy.ipynb", "01_lesson.ipynb", "1_derivatives.ipynb",
                 "sub/01_derivatives.ipynb", "07_neural_network.ipynb"]:
        save(solution(), folder / Path(name).parent, Path(name).name)
    expected["duplicates"] = 0
    # a notebook that is a symbolic link to a classmate's
    (root / "linker").mkdir()
    os.symlink(root / "honest" / "01_derivatives.ipynb", root / "linker" / "01_derivatives.ipynb")
    os.symlink("/etc", root / "linker" / "etc")
    expected["linker"] = 0
    # a fork bomb after the solutions
    save(with_cells(solution(), "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n"),
         root / "forkbomb")
    expected["forkbomb"] = 6
    # huge output, a 4 GB allocation, a huge file, writing outside the sandbox: all after correct answers
    save(with_cells(solution(),
                    "print('x' * 50_000_000)\n",
                    "big = bytearray(4 * 1024**3)\n",
                    "with open('big.bin', 'wb') as f:\n    f.write(b'0' * 100_000_000)\n",
                    "import os\n"
                    f"for p in [{str(outside / 'written.txt')!r}, {str(root / 'honest' / 'extra.txt')!r}, '/etc/{MARK}']:\n"
                    "    try:\n        open(p, 'w').write('x')\n    except OSError as e:\n        print(e)\n"),
         root / "noisy")
    expected["noisy"] = 6
    # children that together need more memory than the sandbox has (each one alone is within its limit)
    save(with_cells(solution(),
                    "import os, time\nchildren = []\nfor i in range(4):\n    pid = os.fork()\n    if pid == 0:\n"
                    "        block = b'1' * 350_000_000\n        time.sleep(0.5)\n        os._exit(0)\n"
                    "    children.append(pid)\nkilled = 0\nfor pid in children:\n    _, status = os.waitpid(pid, 0)\n"
                    "    killed += os.WIFSIGNALED(status) and os.WTERMSIG(status) == 9\n"
                    "raise RuntimeError(f'children killed by the memory limit: {killed}')\n"), root / "memory_forks")
    expected["memory_forks"] = 6
    # signals to every process it can see (its own grader's worker included)
    save(with_cells(starter(),
                    "import os, signal\nfor pid in [int(p) for p in os.listdir('/proc') if p.isdigit()]:\n"
                    "    if pid != os.getpid():\n        try:\n            os.kill(pid, signal.SIGKILL)\n"
                    "        except OSError:\n            pass\n"), root / "killer")
    expected["killer"] = 0
    # clumsy, not hostile: an old notebook format, a syntax error, a function that kills its kernel, broken JSON
    old = solution()
    old.metadata.pop("autodidact", None)
    (root / "old_format").mkdir()
    nbformat.write(nbformat.v3.convert.upgrade(nbformat.v4.convert.downgrade(old)) if False else
                   nbformat.convert(old, 3), root / "old_format" / "01_derivatives.ipynb", version=3)
    expected["old_format"] = 6
    save(replace_exercise(solution(), "1.2", "def autograd_derivative(f, x_value):\n    x = torch.tensor(x_value,\n"
                          "    return x.grad.item()\n"), root / "syntax")
    expected["syntax"] = 4
    save(replace_exercise(solution(), "1.1", "import os\ndef f_prime(x):\n    os._exit(1)\n"), root / "dies")
    expected["dies"] = 4
    (root / "broken").mkdir()
    (root / "broken" / "01_derivatives.ipynb").write_text('{"cells": [', encoding="utf-8")
    expected["broken"] = 0
    return expected


def tree_digest(folder):
    digest = hashlib.sha256()
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file() and not path.is_symlink() and "__pycache__" not in path.parts:
            digest.update(str(path).encode() + path.read_bytes())
    return digest.hexdigest()


def survivors():
    """Processes whose command line or environment carries this test's marker."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            text = Path(f"/proc/{entry}/cmdline").read_bytes() + Path(f"/proc/{entry}/environ").read_bytes()
        except OSError:
            continue
        if MARK.encode() in text:
            found.append(int(entry))
    return found


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    base = tmp_path_factory.mktemp("class")
    root, outside = base / "submissions", base / "instructor"
    root.mkdir()
    outside.mkdir()
    expected = build_class(root, outside)
    startup = Path.home() / ".ipython" / "profile_default" / "startup"
    before = {"package": tree_digest(PACKAGE), "honest": tree_digest(root / "honest"),
              "startup": sorted(startup.glob("*")) if startup.is_dir() else []}
    from autodidact.grading.classroom import main

    started = time.monotonic()
    code = main([str(root), "--jobs", "2", "--csv", str(outside / "grades.csv"), "--out", str(outside / "results"),
                 "--lessons", "1,7", "--time-limit", "2", "--cell-timeout", "10", "--secret", "test-secret",
                 "--sandbox-memory", "1200"])
    seconds = time.monotonic() - started
    with open(outside / "grades.csv", newline="", encoding="utf-8") as handle:
        rows = {row["student"]: row for row in csv.DictReader(handle)}
    results = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (outside / "results").glob("*.json")}
    after_grading = {"csv": (outside / "grades.csv").read_bytes(),
                     "results": {p.name: p.read_bytes() for p in (outside / "results").glob("*.json")}}
    time.sleep(5)  # longer than the detached process waits before it writes
    return {"code": code, "rows": rows, "results": results, "expected": expected, "seconds": seconds,
            "before": before, "after_grading": after_grading, "root": root, "outside": outside, "startup": startup}


def lesson1_score(result):
    (lesson,) = [r for r in result["lessons"] if r["lesson"] == 1]
    return lesson["score"]


def test_every_student_scores_what_they_earned(graded_class):
    assert graded_class["code"] == 0
    scores = {student: lesson1_score(result) for student, result in graded_class["results"].items()}
    assert scores == graded_class["expected"]
    for student, row in graded_class["rows"].items():
        assert float(row["total"]) == graded_class["expected"][student]
        assert float(row["max"]) == 15  # lessons 1 (6 points) and 7 (9 points)
        assert float(row["total"]) <= float(row["max"])
        assert row["sandbox"] == "bwrap"


def test_no_check_scores_more_than_it_is_worth(graded_class):
    for result in graded_class["results"].values():
        for lesson in result["lessons"]:
            for exercise in lesson["exercises"]:
                assert exercise["score"] <= exercise["points"]
                for check in exercise["checks"]:
                    assert 0 <= check["score"] <= check["max_score"]


def test_nothing_hangs_and_nothing_outlives_its_submission(graded_class):
    assert graded_class["seconds"] < 600  # each submission's own limits end it long before its 1200 s budget
    assert survivors() == []


def test_nothing_outside_a_submission_changes(graded_class):
    before, outside = graded_class["before"], graded_class["outside"]
    assert tree_digest(PACKAGE) == before["package"]
    assert tree_digest(graded_class["root"] / "honest") == before["honest"]
    startup = graded_class["startup"]
    assert (sorted(startup.glob("*")) if startup.is_dir() else []) == before["startup"]
    assert not (outside / "written.txt").exists() and not Path(f"/etc/{MARK}").exists()
    assert not (outside / "pwned.txt").exists()
    assert (outside / "grades.csv").read_bytes() == graded_class["after_grading"]["csv"]
    assert {p.name: p.read_bytes() for p in (outside / "results").glob("*.json")} == \
        graded_class["after_grading"]["results"]


def notes(result):
    return " ".join(result["notes"] + [n for lesson in result["lessons"] for n in lesson["notes"]]
                    + [n for lesson in result["lessons"] for e in lesson["exercises"] for n in e["notes"]])


def checks(result, exercise_id):
    (exercise,) = [e for lesson in result["lessons"] for e in lesson["exercises"] if e["id"] == exercise_id]
    return exercise["checks"]


def test_the_kernel_ignoring_interrupts_is_killed_and_earlier_points_kept(graded_class):
    result = graded_class["results"]["sigint"]
    assert "ignored the interrupt: the kernel was killed" in notes(result)
    assert all(c["status"] == "timed out" and "killed" in c["detail"] for c in checks(result, "1.3"))


def test_duplicates_and_relabelled_notebooks_are_listed_and_ignored(graded_class):
    result = graded_class["results"]["duplicates"]
    text = notes(result)
    for name in ["01_derivatives (1).ipynb", "01_derivatives copy.ipynb", "01_lesson.ipynb", "sub/01_derivatives.ipynb"]:
        assert f"ignored {name}" in text
    lesson7 = [r for r in result["lessons"] if r["lesson"] == 7][0]
    assert lesson7["score"] == 0  # lesson 1's solution under lesson 7's name answers nothing of lesson 7
    assert "`init_mlp` is not defined" in json.dumps(lesson7)


def test_links_are_not_followed(graded_class):
    result = graded_class["results"]["linker"]
    assert "ignored 01_derivatives.ipynb: a symbolic link" in notes(result)
    assert "missing: 01_derivatives.ipynb" in notes(result)


def test_missing_notebooks_score_zero_and_are_listed(graded_class):
    result = graded_class["results"]["honest"]
    assert "missing: 07_neural_network.ipynb (lesson 7) scores 0" in notes(result)
    assert result["seed"] and result["sandbox"] == "bwrap"


def test_clumsy_notebooks_lose_only_what_they_break(graded_class):
    syntax = graded_class["results"]["syntax"]
    assert all("syntax error" in c["detail"] for c in checks(syntax, "1.2"))
    assert "(Exercise 1.2) has a syntax error" in notes(syntax)
    dies = graded_class["results"]["dies"]
    assert all("kernel died while this check ran your code" in c["detail"] for c in checks(dies, "1.1"))
    broken = graded_class["results"]["broken"]
    assert "not valid JSON" in json.dumps(broken)
    killer = graded_class["results"]["killer"]
    assert lesson1_score(killer) == 0


def test_a_regrade_gives_the_same_marks_and_seed(graded_class, tmp_path):
    from autodidact.grading.assignment import Assignment
    from autodidact.grading.judge import grade_submission

    first = graded_class["results"]["honest"]
    again = grade_submission(graded_class["root"] / "honest", Assignment(lessons=[1], secret="test-secret"),
                             student="honest", seed=first["seed"])
    assert again.seed == first["seed"] and again.score == 6
    # the same seed draws the same inputs
    from autodidact.grading.core import all_inputs, get_exercise

    exercise = get_exercise("1.1")
    assert all_inputs(exercise, exercise.checks, first["seed"]) == all_inputs(exercise, exercise.checks, first["seed"])
    assert all_inputs(exercise, exercise.checks, "other") != all_inputs(exercise, exercise.checks, first["seed"])


def test_a_sandbox_s_processes_share_one_memory_limit(graded_class):
    from autodidact.grading.sandbox import make_cgroups, remove_cgroups

    groups = make_cgroups("probe-" + MARK)
    remove_cgroups(groups)
    if not groups:
        pytest.skip("this system does not let the grader make cgroups (not root, or no delegated controllers)")
    text = notes(graded_class["results"]["memory_forks"])
    assert "children killed by the memory limit: " in text, text
    killed = int(text.split("children killed by the memory limit: ")[1].split()[0].rstrip("."))
    assert killed >= 1, text


def test_a_student_spinning_many_sessions_does_not_slow_a_classmate_past_the_time_limits(tmp_path):
    """Busy children, each in a session of its own (so the kernel's per-session fairness gives each a
    full share), beside two honest lesson-7 submissions whose training checks have 10 s: the honest
    ones keep every point, because the sandbox's cpu cgroup shares the CPU per sandbox."""
    from autodidact.grading.classroom import main
    from autodidact.grading.sandbox import make_cgroups, remove_cgroups

    groups = make_cgroups("probe-cpu-" + MARK)
    has_cpu_group = any(Path("/sys/fs/cgroup/cpu") in group.parents or (group / "cpu.weight").is_file()
                        for group in groups)
    remove_cgroups(groups)
    if not has_cpu_group:
        pytest.skip("this system does not let the grader make a cpu cgroup (not root, or no delegated controller)")
    lesson7 = "07_neural_network.ipynb"
    root, outside = tmp_path / "class", tmp_path / "outside"
    hog = with_cells(nbformat.read(REPO / "exercises" / lesson7, as_version=4),
                     "import os, time\nend = time.time() + 40\nfor i in range(100):\n    try:\n"
                     "        if os.fork() == 0:\n            os.setsid()\n            while time.time() < end:\n"
                     "                pass\n            os._exit(0)\n    except OSError:\n        break\n", at=1)
    save(hog, root / "a_hog", lesson7)  # sorted first: graded while both honest students are
    for student in ("honest", "honest2"):
        save(nbformat.read(REPO / "solutions" / lesson7, as_version=4), root / student, lesson7)
    code = main([str(root), "--jobs", "2", "--csv", str(outside / "grades.csv"), "--out", str(outside / "results"),
                 "--lessons", "7", "--cell-timeout", "20", "--secret", "test-secret"])
    assert code == 0
    with open(outside / "grades.csv", newline="", encoding="utf-8") as handle:
        totals = {row["student"]: float(row["total"]) for row in csv.DictReader(handle)}
    assert totals == {"a_hog": 0, "honest": 9, "honest2": 9}
