"""The course as a learner gets it: the lesson notebooks, `autodidact init` and `autodidact lab`.

Running the notebooks themselves is `pytest --nbval-lax notebooks/` (CI does it); these tests check
what a learner relies on without starting a kernel: the course can be found and copied, the copy never
destroys the learner's work, `lab` explains how to get JupyterLab, and every committed lesson matches
its source, has the parts the course promises and carries its outputs (with static widget pictures).
"""
import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

from autodidact import cli, course

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"
LESSONS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def load_builder():
    spec = importlib.util.spec_from_file_location("notebook_builder", NOTEBOOKS / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_notebook(path):
    return json.loads(path.read_text())


def source(cell):
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


# -- finding and copying the course ---------------------------------------------------------------

def test_course_root_in_a_checkout_is_the_repository():
    assert course.course_root() == REPO


def fake_course(root):
    (root / "notebooks").mkdir(parents=True)
    (root / "notebooks" / "01_derivatives.ipynb").write_text("{}")
    return root


def test_a_wheel_install_finds_the_course_in_the_shared_data_folder(tmp_path):
    package = tmp_path / "venv" / "lib" / "site-packages" / "autodidact"
    package.mkdir(parents=True)
    shared = fake_course(tmp_path / "venv" / "share" / "autodidact")
    assert course.course_root(package, data_dirs=[tmp_path / "elsewhere", shared]) == shared


def test_a_copy_inside_the_package_comes_first(tmp_path):
    package = tmp_path / "site-packages" / "autodidact"
    bundled = fake_course(package / "_course")
    shared = fake_course(tmp_path / "share" / "autodidact")
    assert course.course_root(package, data_dirs=[shared]) == bundled


def test_the_installed_data_folders_follow_the_interpreter_prefix():
    assert Path(sys.prefix) / "share" / "autodidact" in course._shared_data_dirs()


def test_a_broken_installation_says_where_it_looked(tmp_path):
    package = tmp_path / "lib" / "autodidact"
    package.mkdir(parents=True)
    with pytest.raises(FileNotFoundError, match="course notebooks were not found") as info:
        course.course_root(package, data_dirs=[tmp_path / "share" / "autodidact"])
    assert str(tmp_path / "share" / "autodidact") in str(info.value)


def test_the_course_is_its_lessons_their_guide_and_the_exercises():
    files = {str(path) for path in course.course_files(REPO)}
    assert [int(path.name[:2]) for path in LESSONS] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    for lesson in LESSONS:
        assert f"notebooks/{lesson.name}" in files
    assert "notebooks/README.md" in files
    assert any(name.startswith("exercises/") and name.endswith(".ipynb") for name in files)
    # The repository's tooling stays behind.
    assert "notebooks/build.py" not in files
    assert not any(name.startswith("notebooks/lessons/") for name in files)
    assert not any("__pycache__" in name or ".ipynb_checkpoints" in name for name in files)


def test_init_copies_the_course_and_says_what_to_do_next(tmp_path, capsys):
    target = tmp_path / "my-course"
    assert cli.main(["init", str(target)]) == 0
    out = capsys.readouterr().out
    for lesson in LESSONS:
        assert (target / "notebooks" / lesson.name).read_bytes() == lesson.read_bytes()
    assert (target / "notebooks" / "README.md").exists()
    assert list((target / "exercises").glob("*.ipynb"))
    assert f"autodidact lab {target}" in out
    assert "01_derivatives.ipynb" in out


def test_init_never_overwrites_the_learners_work_unless_forced(tmp_path, capsys):
    target = tmp_path / "course"
    assert course.init_main([str(target)]) == 0
    capsys.readouterr()

    assert course.init_main([str(target)]) == 0
    assert "nothing to copy" in capsys.readouterr().out

    lesson = target / "notebooks" / LESSONS[0].name
    lesson.write_text("my answers")
    assert course.init_main([str(target)]) == 0
    out = capsys.readouterr().out
    assert "Kept 1 file" in out and LESSONS[0].name in out
    assert lesson.read_text() == "my answers"

    assert course.init_main([str(target), "--force"]) == 0
    assert lesson.read_bytes() == LESSONS[0].read_bytes()


def test_init_into_a_file_fails_with_a_clear_message(tmp_path, capsys):
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("")
    assert course.init_main([str(not_a_folder)]) == 1
    assert "is not a folder" in capsys.readouterr().err


def test_init_restores_a_deleted_lesson(tmp_path):
    target = tmp_path / "course"
    course.init_main([str(target)])
    (target / "notebooks" / LESSONS[2].name).unlink()
    copied, kept = course.copy_course(target)
    assert [str(p) for p in copied] == [f"notebooks/{LESSONS[2].name}"] and kept == []


# -- autodidact lab --------------------------------------------------------------------------------

@pytest.fixture
def launches(monkeypatch):
    """Record JupyterLab launches instead of starting a server."""
    calls = []

    def fake_launch(command, cwd):
        calls.append((command, cwd))
        return 0

    monkeypatch.setattr(course, "launch", fake_launch)
    return calls


def test_lab_without_jupyterlab_says_how_to_install_it(tmp_path, monkeypatch, launches, capsys):
    monkeypatch.setattr(course, "jupyterlab_available", lambda: False)
    assert cli.main(["lab", str(tmp_path)]) == 1
    assert "pip install 'autodidact[lab]'" in capsys.readouterr().err
    assert launches == []


def test_lab_starts_jupyterlab_in_the_course_folder(tmp_path, monkeypatch, launches):
    monkeypatch.setattr(course, "jupyterlab_available", lambda: True)
    course.init_main([str(tmp_path)])
    assert course.lab_main([str(tmp_path), "--port=8890"]) == 0
    [(command, cwd)] = launches
    assert command[:3] == [sys.executable, "-m", "jupyterlab"]
    assert f"--ServerApp.root_dir={tmp_path.resolve()}" in command
    assert "notebooks/01_derivatives.ipynb" in command  # the first lesson opens straight away
    assert command[-1] == "--port=8890"
    assert Path(cwd) == tmp_path


def test_lab_without_a_folder_opens_the_current_one(tmp_path, monkeypatch, launches):
    monkeypatch.setattr(course, "jupyterlab_available", lambda: True)
    monkeypatch.chdir(tmp_path)
    assert course.lab_main(["--port=8890"]) == 0
    [(command, cwd)] = launches
    assert f"--ServerApp.root_dir={tmp_path.resolve()}" in command


@pytest.mark.parametrize("as_root", [True, False])
def test_lab_as_root_passes_allow_root_and_says_so(tmp_path, monkeypatch, launches, capsys, as_root):
    """Docker and Colab-like images run as root; Jupyter refuses root without --allow-root."""
    monkeypatch.setattr(course, "jupyterlab_available", lambda: True)
    monkeypatch.setattr(course, "running_as_root", lambda: as_root)
    assert course.lab_main([str(tmp_path), "--port=8890"]) == 0
    [(command, _)] = launches
    assert ("--allow-root" in command) is as_root
    assert ("running as root" in capsys.readouterr().out) is as_root


@pytest.mark.parametrize("option", ["--allow-root", "--ServerApp.allow_root=True"])
def test_lab_as_root_keeps_the_learners_own_allow_root_option(tmp_path, monkeypatch, launches, option):
    monkeypatch.setattr(course, "jupyterlab_available", lambda: True)
    monkeypatch.setattr(course, "running_as_root", lambda: True)
    assert course.lab_main([str(tmp_path), option]) == 0
    [(command, _)] = launches
    assert command.count(option) == 1
    assert not any(part.startswith(course.ROOT_OPTIONS) for part in command if part != option)


def test_lab_really_starts_jupyterlab_as_root(tmp_path):
    """The whole command, run as a learner in a root container runs it: the server answers."""
    import os
    import signal
    import subprocess
    import time
    import urllib.request

    if not course.running_as_root():
        pytest.skip("only meaningful as root (this test process is not root)")
    pytest.importorskip("jupyterlab", reason="JupyterLab is not installed")
    from browser_support import free_port

    course.init_main([str(tmp_path / "course")])
    port = free_port()
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"), "JUPYTER_DATA_DIR": str(tmp_path / "data")}
    log = tmp_path / "lab.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "autodidact", "lab", str(tmp_path / "course"), "--no-browser",
         "--ip=127.0.0.1", f"--port={port}", "--ServerApp.token=", "--LabApp.news_url=None"],
        env=env, stdout=open(log, "wb"), stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline, answered = time.time() + 60, False
        while time.time() < deadline and process.poll() is None and not answered:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status", timeout=2) as response:
                    answered = response.status == 200
            except OSError:
                time.sleep(0.5)
        assert answered, f"autodidact lab as root did not start a server:\n{log.read_text()[-2000:]}"
        assert "passes --allow-root" in log.read_text()
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # the group we started: autodidact and jupyter
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def test_launch_waits_for_the_server_and_returns_its_exit_code(tmp_path):
    assert course.launch([sys.executable, "-c", "raise SystemExit(3)"], cwd=tmp_path) == 3


def test_lab_returns_jupyterlabs_exit_code(tmp_path, monkeypatch):
    monkeypatch.setattr(course, "jupyterlab_available", lambda: True)
    monkeypatch.setattr(course, "launch", lambda command, cwd: 3)
    assert course.lab_main([str(tmp_path)]) == 3


def test_lab_on_a_missing_folder_suggests_init(tmp_path, launches, capsys):
    assert course.lab_main([str(tmp_path / "nowhere")]) == 1
    assert "autodidact init" in capsys.readouterr().err
    assert launches == []


def test_lab_on_a_folder_without_the_course_points_to_init(tmp_path, monkeypatch, launches, capsys):
    monkeypatch.setattr(course, "jupyterlab_available", lambda: True)
    assert course.lab_main([str(tmp_path)]) == 0
    assert f"autodidact init {tmp_path}" in capsys.readouterr().out
    assert len(launches) == 1


# -- the lessons -------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_committed_lesson_matches_its_source(path):
    """Edit notebooks/lessons/*.src, then run `python notebooks/build.py` (it re-executes them)."""
    builder = load_builder()
    expected = builder.parse_cells((NOTEBOOKS / "lessons" / f"{path.stem}.src").read_text())
    cells = read_notebook(path)["cells"]
    assert [(c["cell_type"], source(c)) for c in cells] == [(c.cell_type, c.source) for c in expected]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_lesson_has_objectives_predictions_a_widget_summary_and_exercises(path):
    number = int(path.name[:2])
    cells = read_notebook(path)["cells"]
    markdown = [source(c) for c in cells if c["cell_type"] == "markdown"]
    code = "\n".join(source(c) for c in cells if c["cell_type"] == "code")
    assert markdown[0].startswith(f"# Lesson {number} ·")
    assert "By the end of this lesson you can" in markdown[0]
    assert re.search(r"\*\*Time:\*\* about (\d+) minutes", markdown[0])
    assert sum("**Predict, then run.**" in text for text in markdown) >= 2
    assert "from autodidact.widgets import" in code
    assert "## Summary" in markdown[-1]
    exercise = re.search(r"`(exercises/\d\d_\w+\.ipynb)`", markdown[-1])
    assert exercise, "the last cell points to the lesson's graded exercises"
    assert (REPO / exercise.group(1)).exists(), f"{exercise.group(1)} does not exist"
    assert exercise.group(1).startswith(f"exercises/{number:02d}_")


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_lesson_is_committed_executed_without_errors_and_with_static_widget_pictures(path):
    notebook = read_notebook(path)
    assert "widgets" not in notebook["metadata"], "widget state is stripped; the PNG fallback shows"
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        tags = cell["metadata"].get("tags", [])
        if "predict" in tags:
            continue  # committed without its answer (test_predict_cells_show_no_answer)
        assert cell["execution_count"] is not None, f"not executed: {source(cell)[:60]!r}"
        for output in cell["outputs"]:
            if output["output_type"] == "error":
                assert "raises-exception" in tags, f"{output['ename']} in {source(cell)[:60]!r}"
                # A traceback names our files as a learner's checkout has them, not the builder's.
                builder_paths = re.findall(r"/\S*?/autodidact/", "".join(output["traceback"]))
                assert not builder_paths, f"{builder_paths[0]} in a traceback (rebuild with notebooks/build.py)"
            assert WIDGET_MIME not in output.get("data", {})
        widget_shown = re.search(r"^(?:\w+ = )?(?:GradientExplorer|BackpropStepper|TrainingLab|Playground)\(",
                                 source(cell), re.MULTILINE)
        if widget_shown:
            assert any("image/png" in output.get("data", {}) for output in cell["outputs"]), (
                f"widget cell without a static picture: {source(cell)[:60]!r}")


PREDICT_QUESTION = "**Predict, then run.**"


def predict_problems(path):
    """Why the notebook at ``path`` would spoil a prediction (empty when it would not)."""
    problems, answering, answered = [], False, True
    for index, cell in enumerate(read_notebook(path)["cells"]):
        tags = cell["metadata"].get("tags", [])
        if cell["cell_type"] == "markdown":
            if answering and not answered:
                problems.append(f"{path.name} cell {index}: a Predict question with no code cell after it")
            answering = PREDICT_QUESTION in source(cell)
            answered = False
            continue
        if answering:
            answered = True
            if "predict" not in tags:
                problems.append(f"{path.name} cell {index}: answers a Predict question but is not tagged "
                                "'predict' (notebooks/build.py tags them)")
        if "predict" in tags and (cell.get("outputs") or cell.get("execution_count") is not None):
            problems.append(f"{path.name} cell {index}: a predict cell shows its answer before it is run "
                            f"({source(cell)[:50]!r}); rebuild with notebooks/build.py")
    return problems


LEARNER_NOTEBOOKS = sorted(path for path in course.course_files(REPO) if path.suffix == ".ipynb")


@pytest.mark.parametrize("relative", LEARNER_NOTEBOOKS, ids=str)
def test_predict_cells_show_no_answer(relative):
    """Every code cell under a "Predict, then run." question is tagged and has no output yet."""
    assert predict_problems(REPO / relative) == []


def test_an_init_copy_spoils_no_prediction_either(tmp_path):
    copied, _ = course.copy_course(tmp_path)
    notebooks = [tmp_path / path for path in copied if path.suffix == ".ipynb"]
    assert len(notebooks) == len(LEARNER_NOTEBOOKS)
    tagged = 0
    for path in notebooks:
        assert predict_problems(path) == []
        tagged += sum("predict" in c["metadata"].get("tags", []) for c in read_notebook(path)["cells"])
    assert tagged >= 2 * len(LESSONS)


def test_a_predict_cell_with_an_output_is_caught(tmp_path):
    notebook = read_notebook(LESSONS[0])
    cell = next(c for c in notebook["cells"] if "predict" in c["metadata"].get("tags", []))
    cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "10\n"}]
    spoiled = tmp_path / LESSONS[0].name
    spoiled.write_text(json.dumps(notebook))
    assert "shows its answer" in " ".join(predict_problems(spoiled))


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_nbval_still_compares_the_checked_predict_cells(path):
    """build.py keeps their answers aside; notebooks/conftest.py gives them back to nbval."""
    builder = load_builder()
    kept = {a["code_cell"]: a for a in json.loads(builder.answers_path(path).read_text())}
    code = [c for c in read_notebook(path)["cells"] if c["cell_type"] == "code"]
    checked = [n for n, c in enumerate(code)
               if {"predict", "nbval-check-output"} <= set(c["metadata"].get("tags", []))]
    assert sorted(kept) == checked
    for n in checked:
        assert kept[n]["source"] == source(code[n]) and kept[n]["outputs"], f"code cell {n}: rebuild"


def test_the_guide_lists_every_lesson_with_its_time():
    guide = (NOTEBOOKS / "README.md").read_text()
    for path in LESSONS:
        assert path.name in guide
    assert "Instructor guide" in guide
    assert len(re.findall(r"misconception", guide, re.IGNORECASE)) >= len(LESSONS)


# -- packaging ---------------------------------------------------------------------------------------

def test_the_wheel_ships_the_course(tmp_path):
    """A learner who installs from a package index gets the lessons and exercises in the wheel."""
    import shutil
    import subprocess
    import zipfile

    source = tmp_path / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints")
    for part in ("autodidact", "notebooks", "exercises"):
        shutil.copytree(REPO / part, source / part, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    # Build as pip does for a release: in an isolated environment with the build requirements
    # from pyproject.toml (the test environment's own setuptools may be too old to build wheels).
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
                             "--wheel-dir", str(tmp_path / "dist"), str(source)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    [wheel] = (tmp_path / "dist").glob("autodidact-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {name.split("/share/autodidact/", 1)[1] for name in names if "/share/autodidact/" in name}
    expected = {str(path) for path in course.course_files(REPO)}
    assert expected <= shipped, (
        "The wheel lacks course files; pyproject.toml needs\n"
        '[tool.setuptools.data-files]\n'
        '"share/autodidact/notebooks" = ["notebooks/*.ipynb", "notebooks/README.md"]\n'
        '"share/autodidact/exercises" = ["exercises/*.ipynb", "exercises/*.py"]\n'
        f"missing: {sorted(expected - shipped)[:5]}")
