"""Inside the sandbox: run a submission's notebooks in a kernel, then answer the grader's probes.

``python -m autodidact.grading.worker`` reads one request (JSON) on stdin, written by
:mod:`.judge`: the notebooks' code cells, and for each lesson the probes to send (exercise id,
check number, inputs). It starts a Jupyter kernel, runs each notebook's cells (a cell that runs too
long is interrupted, and if it ignores the interrupt the kernel is killed and restarted without it),
then sends each probe as one short cell and passes the kernel's answer on, untouched, as one JSON
line on stdout. It decides nothing: the judge, outside the sandbox, reads those lines as untrusted
data. The kernel's own output goes nowhere (its stdout/stderr are /dev/null, its messages are read
only for errors and answers), and the kernel cannot write to this process's stdout.
"""
import json
import os
import queue
import resource
import sys
import time

MIME_TYPE = "application/x-autodidact-answer+json"
GRACE = 2.0              # seconds between an interrupt and a kill
MAX_RESTARTS = 4         # kernels started again after a death or a kill, per submission
MAX_NOTE = 300


_STARTED = time.monotonic()


def _emit(event):
    event["t"] = round(time.monotonic() - _STARTED, 3)  # seconds since the worker started
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


def drop_privileges(uid):
    """Become ``uid`` (no groups, no capabilities) and keep other processes of ``uid`` out of this one."""
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)
    _not_dumpable()


def _not_dumpable():
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 4: no ptrace, no /proc/PID/fd
    except (OSError, AttributeError):
        pass


def set_limits(limits):
    """Resource limits for this process and everything it starts (memory, CPU, processes, files)."""
    names = {"memory": resource.RLIMIT_AS, "cpu": resource.RLIMIT_CPU, "processes": resource.RLIMIT_NPROC,
             "file_size": resource.RLIMIT_FSIZE, "open_files": resource.RLIMIT_NOFILE}
    for name, value in [("core", 0)] + list(limits.items()):
        limit = resource.RLIMIT_CORE if name == "core" else names.get(name)
        if limit is None or value is None:
            continue
        try:
            soft, hard = resource.getrlimit(limit)
            value = int(value) if hard == resource.RLIM_INFINITY else min(int(value), hard)
            resource.setrlimit(limit, (value, value))
        except (ValueError, OSError):  # a limit this system does not let us set (macOS: RLIMIT_AS)
            pass


class Kernel:
    """One Jupyter kernel and a way to run code in it with a deadline it cannot dodge."""

    def __init__(self, cwd):
        from jupyter_client import KernelManager

        self.manager = KernelManager(kernel_name="python3")
        self.manager.start_kernel(stdout=subprocess_devnull(), stderr=subprocess_devnull(), cwd=cwd)
        self.client = self.manager.client()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=60)

    def run(self, code, seconds, store_history=True):
        """('ok'|'timeout'|'killed'|'died', error (name, value) or None, answer text or None)."""
        msg_id = self.client.execute(code, store_history=store_history, allow_stdin=False, stop_on_error=False)
        deadline = time.monotonic() + seconds
        error = answer = None
        interrupted = False
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                if interrupted:
                    self.kill()
                    return "killed", error, answer
                interrupted = True
                self.manager.interrupt_kernel()
                deadline = time.monotonic() + GRACE
                continue
            try:
                message = self.client.get_iopub_msg(timeout=min(remaining, 0.5))
            except queue.Empty:
                if not self.manager.is_alive():
                    return "died", error, answer
                continue
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = message.get("msg_type"), message.get("content", {})
            if kind == "error":
                error = (str(content.get("ename", "Error"))[:100], str(content.get("evalue", ""))[:MAX_NOTE])
            elif kind in ("execute_result", "display_data"):
                data = content.get("data", {})
                if isinstance(data.get(MIME_TYPE), str):
                    answer = data[MIME_TYPE]
            elif kind == "status" and content.get("execution_state") == "idle":
                return ("timeout" if interrupted else "ok"), error, answer

    def kill(self):
        try:
            self.client.stop_channels()
        finally:
            try:
                self.manager.shutdown_kernel(now=True)
            except Exception:
                pass


def subprocess_devnull():
    import subprocess

    return subprocess.DEVNULL


def _cell_note(index, exercise, text):
    where = f"cell {index + 1}" + (f" (Exercise {exercise})" if exercise else "")
    return f"{where} {text}"


class Session:
    """Runs the request's notebooks and probes, starting kernels again when one dies or is killed."""

    def __init__(self, request):
        self.request = request
        self.cwd = request.get("cwd") or os.getcwd()
        self.kernel = None
        self.restarts = 0
        self.skip = set()  # (lesson, cell index): cells that killed or hung the kernel are not run again
        self.noted = set()  # (lesson, cell index): cells already reported on

    def note(self, lesson, index, exercise, text):
        if (lesson, index) not in self.noted:
            self.noted.add((lesson, index))
            _emit({"kind": "note", "lesson": lesson, "text": _cell_note(index, exercise, text)})

    def start(self):
        if self.kernel is not None:
            self.kernel.kill()
            self.restarts += 1
        if self.restarts > MAX_RESTARTS:
            self.kernel = None
            return False
        self.kernel = Kernel(self.cwd)
        return True

    def run_notebook(self, notebook):
        """Run the notebook's cells in a fresh namespace; False if no kernel could be had."""
        lesson = notebook["lesson"]
        _emit({"kind": "progress", "lesson": lesson, "text": "running the notebook"})
        while True:
            if self.kernel is None and not self.start():
                return False
            status, _, _ = self.kernel.run("__import__('IPython').get_ipython().reset(new_session=False)", 30, False)
            if status != "ok":
                if not self.start():
                    return False
                continue
            broken = False
            for index, (source, exercise) in enumerate(zip(notebook["cells"], notebook["exercises"])):
                if (lesson, index) in self.skip:
                    continue
                status, error, _ = self.kernel.run(source, self.request["cell_timeout"])
                if status in ("killed", "died"):
                    self.skip.add((lesson, index))
                    text = ("ran longer than the limit and ignored the interrupt: the kernel was killed"
                            if status == "killed" else "made the Python kernel die (os._exit(), a crash, or "
                            "all the memory used up?)")
                    self.note(lesson, index, exercise, f"{text}; the notebook was run again without it.")
                    broken = True
                    break
                if status == "timeout":
                    self.note(lesson, index, exercise, f"timed out: stopped after {self.request['cell_timeout']:g} s.")
                elif error and error[0] == "SyntaxError":
                    self.note(lesson, index, exercise, f"has a syntax error: {error[1]}")
                elif error and not (error[0] == "NotImplementedError" and error[1].startswith("Exercise ")):
                    self.note(lesson, index, exercise, f"raised {error[0]}: {error[1]}")
            if not broken:
                return True
            if not self.start():
                return False

    def probe(self, notebook, probe):
        """Send one probe; emit its answer (or what happened instead). Restarts the kernel if needed."""
        code = ("__import__('autodidact.grading.probe', fromlist=['answer']).answer("
                f"{probe['exercise']!r}, {int(probe['index'])}, {json.dumps(probe['inputs'])!r}, "
                f"__import__('builtins').globals(), {float(self.request['time_limit'])!r}, "
                f"{self.request.get('checks_dir')!r})")
        started = time.monotonic()
        limit = self.request["time_limit"]
        status, error, answer = self.kernel.run(code, limit + max(1.0, min(5.0, limit)), store_history=False)
        event = {"kind": "answer", "lesson": notebook["lesson"], "exercise": probe["exercise"],
                 "index": probe["index"], "status": status, "seconds": round(time.monotonic() - started, 3)}
        if status == "ok" and answer is None:
            event["status"] = "no answer"
            event["error"] = list(error) if error else None
        if answer is not None:
            event["answer"] = answer
        _emit(event)
        if status in ("killed", "died"):
            return self.start() and self.run_notebook(notebook)
        return True

    def run(self):
        for notebook in self.request["notebooks"]:
            if not self.run_notebook(notebook):
                _emit({"kind": "note", "lesson": notebook["lesson"], "text":
                       "the kernel was restarted too often; the remaining checks were not run."})
                break
            for probe in notebook["probes"]:
                if not self.probe(notebook, probe):
                    _emit({"kind": "note", "lesson": notebook["lesson"], "text":
                           "the kernel was restarted too often; the remaining checks were not run."})
                    return
        if self.kernel is not None:
            self.kernel.kill()


def main():
    request = json.loads(sys.stdin.read())
    if request.get("uid") is not None:
        drop_privileges(int(request["uid"]))
    else:
        _not_dumpable()
    set_limits(request.get("limits", {}))
    if request.get("copy_from"):
        import shutil

        shutil.copytree(request["copy_from"], request["cwd"], symlinks=True, dirs_exist_ok=True)
    for variable in ("HOME", "IPYTHONDIR", "TMPDIR", "JUPYTER_RUNTIME_DIR"):
        if os.environ.get(variable):
            os.makedirs(os.environ[variable], mode=0o700, exist_ok=True)
    _emit({"kind": "started", "uid": os.getuid()})
    try:
        Session(request).run()
    except Exception as error:  # the judge notes it; the answers sent so far still count
        _emit({"kind": "note", "lesson": None, "text": f"the grader's worker stopped: {type(error).__name__}: "
                                                       f"{str(error)[:MAX_NOTE]}"})
    _emit({"kind": "done"})


if __name__ == "__main__":
    main()
