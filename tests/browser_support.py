"""Shared by the real-browser tests: JupyterLab on 127.0.0.1 and headless Debian Chromium.

Chromium comes from the system's packages (Debian: chromium, chromium-driver) and Playwright from
PyPI; Playwright's own browser download is never used. Every process is started in its own process
group and stopped by the id we started, never by name.
"""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CHROMIUM_CANDIDATES = ["/usr/lib/chromium/chromium", shutil.which("chromium") or "",
                       shutil.which("chromium-browser") or ""]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
KERNEL_IDLE = ".jp-Notebook-ExecutionIndicator[data-status='idle']"


def chromium_path():
    for candidate in CHROMIUM_CANDIDATES:
        if candidate and os.path.exists(candidate):
            return candidate
    return None


def skip_unless_browser_tools():
    """Skip (with the reason) when Chromium, Playwright or JupyterLab is missing."""
    if chromium_path() is None:
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium chromium-driver)")
    pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install playwright)")
    pytest.importorskip("jupyterlab", reason="JupyterLab is not installed (pip install jupyterlab)")


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)


def artifacts_dir(tmp_path):
    """Where failure screenshots go: $AUTODIDACT_TEST_ARTIFACTS if set, else the test's tmp dir."""
    folder = Path(os.environ.get("AUTODIDACT_TEST_ARTIFACTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class JupyterLab:
    """``jupyter lab`` in its own process group, with every config and state folder in ``home``.

    ``root`` is the folder the server shows (default ``home/notebooks``). ``settings`` maps a
    JupyterLab plugin id (e.g. ``"@jupyterlab/notebook-extension:tracker"``) to user settings.
    """

    def __init__(self, home, root=None, settings=None):
        self.home = Path(home)
        self.root = Path(root) if root is not None else self.home / "notebooks"
        self.settings = settings or {}
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.log = self.home / "jupyter.log"

    def _write_settings(self):
        for plugin, values in self.settings.items():
            package, _, name = plugin.partition(":")
            path = self.home / "settings" / package / f"{name}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))

    def start(self, timeout=90):
        self._write_settings()
        env = dict(os.environ)
        env.update({
            "JUPYTER_CONFIG_DIR": str(self.home / "config"),
            "JUPYTER_RUNTIME_DIR": str(self.home / "runtime"),
            "JUPYTERLAB_SETTINGS_DIR": str(self.home / "settings"),
            "JUPYTERLAB_WORKSPACES_DIR": str(self.home / "workspaces"),
            "IPYTHONDIR": str(self.home / "ipython"),
            # The kernel must import this checkout of autodidact, installed or not.
            "PYTHONPATH": os.pathsep.join([str(REPO)] + [p for p in [env.get("PYTHONPATH")] if p]),
        })
        command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1",
                   f"--port={self.port}", "--ServerApp.token=", "--ServerApp.password=",
                   "--ServerApp.disable_check_xsrf=True", "--allow-root",
                   f"--ServerApp.root_dir={self.root}", "--LabApp.news_url=None",
                   "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
        self.process = subprocess.Popen(command, env=env, stdout=open(self.log, "wb"),
                                        stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyter lab exited early:\n{self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/status", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"jupyter lab did not answer within {timeout} s:\n{self.log.read_text()[-3000:]}")

    def api(self, path, method="GET"):
        request = urllib.request.Request(f"{self.url}/api/{path}", method=method)
        with urllib.request.urlopen(request, timeout=20) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shut_down_sessions(self):
        """Shut down every notebook session (and so its kernel) through the server's REST API."""
        for session in self.api("sessions"):
            self.api(f"sessions/{session['id']}", method="DELETE")

    def stop(self):
        """Stop the server, then its whole process group (the kernels), by the id we started."""
        if self.process is None or self.process.poll() is not None:
            return
        group = os.getpgid(self.process.pid)
        self.process.send_signal(signal.SIGINT)  # jupyter asks to confirm on the first ^C
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(group, signal.SIGKILL)  # anything left over in that group (kernels)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=10)


def text_of(locator):
    return " ".join(locator.all_inner_texts())


def wait_for_kernel(page, timeout=90_000):
    """Wait until the notebook's kernel is idle, accepting a kernel-choice dialog if one appears."""
    page.wait_for_selector(KERNEL_IDLE, timeout=timeout)
    # JupyterLab may still ask which kernel to use, even with the kernelspec in the notebook.
    accept = page.locator(".jp-Dialog button.jp-mod-accept")
    try:
        accept.wait_for(timeout=5_000)
        accept.click()
    except Exception:  # no dialog this time
        pass
    page.wait_for_selector(KERNEL_IDLE, timeout=timeout)


def run_all_cells(page):
    """Run → Run All Cells, from the menu bar as a learner would."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
