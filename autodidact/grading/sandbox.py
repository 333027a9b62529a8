"""A sandbox per submission: bubblewrap where it exists, a documented weaker mode elsewhere.

With ``bwrap`` (Debian/Ubuntu package ``bubblewrap``, the sandbox Flatpak uses) the worker and the
kernel it starts run in new PID, network, IPC and UTS namespaces: no network at all (loopback
only), their own ``/proc`` (no view of the grader or of other submissions), a root made of
read-only binds of the system, the Python environment and the autodidact package (not the
course repository: the solutions stay out of reach), the submission's private copy (read-only; the
worker copies it into a size-limited tmpfs to work in), and a fresh empty HOME and IPYTHONDIR in
that tmpfs. When the grader runs as root, the worker drops to an unused user id of its own, so the
process limit applies and no file outside the sandbox is writable. Limits (``RLIMIT_AS``,
``RLIMIT_CPU``, ``RLIMIT_NPROC``, ``RLIMIT_FSIZE``) bound memory, CPU time, processes and file sizes.
Where the grader can make cgroups (as root with cgroup v1, or a cgroup v2 that delegates the memory
and pids controllers), each sandbox also gets its own memory and pids cgroup, so its processes
together cannot use more than 3 GB or 256 tasks, and its own cpu cgroup, so that however many
processes it starts, it gets one sandbox's share of the CPU and cannot slow a classmate's checks
past their time limits. When the submission is done, the whole process
group gets SIGKILL after a short grace; killing bubblewrap ends its PID namespace, which kills every
process a notebook started, detached or not.

Without ``bwrap`` (``--sandbox weak``, or ``auto`` when it is missing) the worker runs as a plain
process in its own session with a fresh HOME/IPYTHONDIR/TMPDIR and the same resource limits;
processes a notebook detaches from the session are found by a marker in their environment and
killed. That mode does not hide the file system or the network: the report says so.
"""
import os
import queue
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_LIMITS = {
    "memory": 2 * 1024**3,      # bytes of address space per process (a 4 GB allocation fails)
    "cpu": 300,                 # CPU seconds per process
    "processes": 128,           # processes and threads of the sandbox's user (a fork bomb stops here)
    "file_size": 64 * 1024**2,  # bytes per file written
    "open_files": 1024,
}
SANDBOX_MEMORY = 3 * 1024**3    # bytes of memory for all of a sandbox's processes together (cgroup)
SANDBOX_PROCESSES = 256         # processes and threads of a sandbox together (cgroup)
TMPFS_BYTES = 256 * 1024**2
MAX_LINE = 8 * 1024**2          # one answer line from the worker
MAX_OUTPUT = 64 * 1024**2       # everything the worker may send
STDERR_TAIL = 2000              # bytes of a worker's stderr kept, to say why it did not start
GRACE = 2.0
WEAK_WARNING = ("this submission ran in the weaker sandbox, without bubblewrap: its own session, fresh "
                "HOME/IPYTHONDIR/TMPDIR and resource limits, but with the grader's view of the file system "
                "and the network. Install bubblewrap (apt-get install bubblewrap) to grade a class you "
                "cannot trust.")
PACKAGE_DIR = Path(__file__).resolve().parents[1]


def bwrap_path():
    return shutil.which("bwrap")


_BWRAP_WORKS = {}


def bwrap_works():
    """Whether bwrap can make its namespaces here (inside some containers it cannot)."""
    path = bwrap_path()
    if not path:
        return False
    if path not in _BWRAP_WORKS:
        try:
            probe = subprocess.run([path, "--ro-bind", "/", "/", "--unshare-pid", "--unshare-net",
                                    "--die-with-parent", "--proc", "/proc", "--dev", "/dev", "true"],
                                   capture_output=True, timeout=20)
            _BWRAP_WORKS[path] = probe.returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            _BWRAP_WORKS[path] = False
    return _BWRAP_WORKS[path]


def choose_mode(requested="auto"):
    """'bwrap' or 'weak'. ``requested='bwrap'`` without a working bwrap is an error the CLI reports."""
    if requested == "weak":
        return "weak"
    if bwrap_works():
        return "bwrap"
    if requested == "bwrap":
        raise RuntimeError("--sandbox bwrap was asked for, but bwrap is not installed or cannot create its "
                           "namespaces here (apt-get install bubblewrap; in a container, allow user namespaces).")
    return "weak"


def _python_roots():
    import site

    roots = {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(), Path(sys.executable).resolve().parents[1]}
    for path in site.getsitepackages() + [site.getusersitepackages()]:
        if Path(path).is_dir():
            roots.add(Path(path).resolve())
    # the innermost directories only: a bind of a parent already shows its children
    return sorted(r for r in roots if not any(o != r and o in r.parents for o in roots))


def _package_needs_bind():
    return not any(root in PACKAGE_DIR.parents for root in _python_roots())


def _system_binds():
    args = []
    for name in ("usr", "bin", "sbin", "lib", "lib32", "lib64", "etc"):
        path = Path("/") / name
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            args += ["--ro-bind", str(path), str(path)]
    return args


def environment(home, tmp, token, package_parent=None):
    env = {"HOME": home, "IPYTHONDIR": f"{home}/.ipython", "JUPYTER_RUNTIME_DIR": f"{home}/.jupyter-runtime",
           "JUPYTER_CONFIG_DIR": f"{home}/.jupyter", "JUPYTER_DATA_DIR": f"{home}/.jupyter-data",
           "MPLCONFIGDIR": f"{home}/.matplotlib", "TMPDIR": tmp, "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
           "LANG": "C.UTF-8", "MPLBACKEND": "Agg", "PYTHONDONTWRITEBYTECODE": "1", "PYTHONNOUSERSITE": "1",
           "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
           "AUTODIDACT_SANDBOX": token}
    if package_parent:
        env["PYTHONPATH"] = package_parent
    return env


def make_cgroups(token, memory_bytes=SANDBOX_MEMORY, processes=SANDBOX_PROCESSES):
    """The sandbox's own memory, pids and cpu cgroups, where this system lets us make them; [] otherwise.

    The cpu group is what keeps one submission from slowing another down: however many processes a
    notebook starts, the scheduler shares the CPU between the groups, so a student spinning a hundred
    busy loops takes one sandbox's share, and a classmate graded beside it keeps its time limits.
    """
    made = []
    if os.geteuid() != 0:
        return made
    base = Path("/sys/fs/cgroup")
    if (base / "cgroup.controllers").is_file():  # cgroup v2: one group with every limit
        parent = base / _own_cgroup("")
        settings = {"memory.max": memory_bytes, "pids.max": processes}
        if "cpu" in _read(parent / "cgroup.subtree_control").split():
            settings["cpu.weight"] = 100  # the default weight, in a group of its own: one share per sandbox
        plan = [(parent, settings, True)]
    else:
        plan = [(base / "memory" / _own_cgroup("memory"), {"memory.limit_in_bytes": memory_bytes}, True),
                (base / "pids" / _own_cgroup("pids"), {"pids.max": processes}, True),
                (base / "cpu" / _own_cgroup("cpu"), {"cpu.shares": 1024}, False)]
    for parent, settings, required in plan:
        group = parent / f"autodidact-{token}"
        try:
            if not (parent / "cgroup.procs").is_file():
                raise OSError(f"no cgroup hierarchy at {parent}")
            group.mkdir()
            made.append(group)
            for name, value in settings.items():
                (group / name).write_text(str(int(value)))
        except OSError:
            if required:
                remove_cgroups(made)
                return []
            if group in made:
                made.remove(group)
                remove_cgroups([group])
    return made


def _read(path):
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def _own_cgroup(controller):
    """The grader's own cgroup for ``controller`` ('' for v2), relative: sandboxes nest inside it."""
    try:
        for line in Path("/proc/self/cgroup").read_text().splitlines():
            _, controllers, path = line.split(":", 2)
            if controller in controllers.split(",") or (controller == "" and controllers == ""):
                return path.lstrip("/")
    except (OSError, ValueError):
        pass
    return ""


def remove_cgroups(groups):
    for group in groups:
        for _ in range(50):  # the killed processes leave their group a moment later
            try:
                group.rmdir()
                break
            except FileNotFoundError:
                break
            except OSError:
                time.sleep(0.1)


def _in_cgroups(groups, command):
    """The command, started by a shell that first moves itself (and so everything it starts) into the groups."""
    if not groups:
        return command
    script = 'while [ "$1" != -- ]; do echo $$ > "$1/cgroup.procs" || exit 97; shift; done; shift; exec "$@"'
    return ["/bin/sh", "-c", script, "sh", *[str(g) for g in groups], "--", *command]


@dataclass
class Launch:
    """How a worker was started, and what to say about it in the report."""
    mode: str
    command: list
    env: dict
    request_paths: dict
    cwd: str = None
    warnings: list = field(default_factory=list)
    token: str = ""
    cgroups: list = field(default_factory=list)


def prepare(mode, copy_dir, checks_dir=None, sandbox_memory=SANDBOX_MEMORY):
    """The command that starts the worker for the submission copy in ``copy_dir`` (a private folder)."""
    token = secrets.token_hex(8)
    groups = make_cgroups(token, sandbox_memory)
    python = str(Path(sys.executable))
    worker = [python, "-m", "autodidact.grading.worker"]
    if mode == "bwrap":
        uid = None
        args = [bwrap_path(), "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts",
                "--unshare-cgroup-try", "--die-with-parent", "--new-session", "--proc", "/proc", "--dev", "/dev"]
        args += _system_binds()
        # the scratch file systems first: a Python installed under /tmp (a virtualenv there) is bound over them
        args += ["--perms", "0777", "--size", str(TMPFS_BYTES), "--tmpfs", "/sandbox",
                 "--perms", "1777", "--size", str(TMPFS_BYTES), "--tmpfs", "/tmp"]
        targets = [str(root) for root in _python_roots()] + ["/opt/autodidact/autodidact"]
        made = set()
        for target in targets:  # parents traversable by the sandbox's user (bwrap copies the host's 0700 /root)
            for parent in reversed(Path(target).parents):
                if str(parent) != "/" and str(parent) not in made and not str(parent).startswith(("/usr", "/etc")):
                    made.add(str(parent))
                    args += ["--perms", "0755", "--dir", str(parent)]
        for root in _python_roots():
            args += ["--ro-bind", str(root), str(root)]
        package_parent = None
        if _package_needs_bind():
            package_parent = "/opt/autodidact"
            args += ["--ro-bind", str(PACKAGE_DIR), "/opt/autodidact/autodidact"]
        args += ["--ro-bind", str(copy_dir), "/submission"]
        if checks_dir:
            args += ["--ro-bind", str(checks_dir), "/checks"]
        args += ["--chdir", "/sandbox", "--clearenv"]
        env = environment("/sandbox/home", "/tmp", token, package_parent)
        for key, value in env.items():
            args += ["--setenv", key, value]
        if os.geteuid() == 0:
            uid = _claim_uid()  # an unused id of its own: the process limit is its alone
            args += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
            _give_to(copy_dir, uid)
            if checks_dir:
                _give_to(checks_dir, uid)
        else:
            args += ["--unshare-user", "--disable-userns"]
        return Launch("bwrap", _in_cgroups(groups, args + worker), None,
                      {"copy_from": "/submission", "cwd": "/sandbox/work",
                       "checks_dir": "/checks" if checks_dir else None, "uid": uid}, token=token, cgroups=groups)
    scratch = Path(copy_dir).parent / "sandbox"
    scratch.mkdir(exist_ok=True)
    env = environment(str(scratch / "home"), str(scratch / "tmp"), token, str(PACKAGE_DIR.parent))
    (scratch / "tmp").mkdir(exist_ok=True)
    warnings = [WEAK_WARNING]
    if os.geteuid() == 0:
        warnings.append("the grader runs as root without bubblewrap, so the notebook can write wherever root can"
                        + ("." if groups else ", and the process limit (fork bombs) is not enforced."))
    return Launch("weak", _in_cgroups(groups, worker), env, {"copy_from": str(copy_dir), "cwd": str(scratch / "work"),
                                                             "checks_dir": str(checks_dir) if checks_dir else None,
                                                             "uid": None},
                  cwd=str(scratch), warnings=warnings, token=token, cgroups=groups)


_UIDS_IN_USE = set()  # sandboxes running now (grade-class runs several): two must never share a uid
_UIDS_LOCK = threading.Lock()


def _claim_uid():
    """A random unprivileged uid no running sandbox of this grader has: processes of one uid share
    its process limit, so a fork bomb would otherwise starve a classmate who drew the same number."""
    with _UIDS_LOCK:
        while True:
            uid = 200_000 + secrets.randbelow(60_000)
            if uid not in _UIDS_IN_USE:
                _UIDS_IN_USE.add(uid)
                return uid


def release_uid(uid):
    with _UIDS_LOCK:
        _UIDS_IN_USE.discard(uid)


def _give_to(folder, uid):
    for root, dirs, files in os.walk(folder):
        os.chown(root, uid, uid)
        for name in files:
            os.chown(os.path.join(root, name), uid, uid, follow_symlinks=False)


class Running:
    """A started worker: JSON lines come out through ``events()``; ``stop()`` kills everything it started."""

    def __init__(self, launch, request_text):
        self.launch = launch
        self.process = subprocess.Popen(
            launch.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=launch.env if launch.env is not None else {"PATH": os.environ.get("PATH", "/usr/bin:/bin")},
            cwd=launch.cwd, start_new_session=True)
        self.lines = queue.Queue()
        self.received = 0
        self.stderr_tail = b""  # the last words of a worker (or bwrap) that fails before it starts
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()
        try:
            self.process.stdin.write(request_text.encode())
            self.process.stdin.close()
        except OSError:
            pass

    def _read(self):
        stream = self.process.stdout
        try:
            while self.received < MAX_OUTPUT:
                line = stream.readline(MAX_LINE)
                if not line:
                    break
                self.received += len(line)
                if line.endswith(b"\n"):
                    self.lines.put(line)
                else:  # a line longer than the limit: skip the rest of it
                    while line and not line.endswith(b"\n"):
                        line = stream.readline(MAX_LINE)
                        self.received += len(line)
        except (OSError, ValueError):
            pass
        self.lines.put(None)

    def _read_stderr(self):
        try:
            for chunk in iter(lambda: self.process.stderr.read(4096), b""):
                self.stderr_tail = (self.stderr_tail + chunk)[-STDERR_TAIL:]
        except (OSError, ValueError):
            pass

    def events(self, deadline):
        """Yield the worker's lines (bytes) until it ends or ``deadline`` (time.monotonic()) passes."""
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            try:
                line = self.lines.get(timeout=min(remaining, 1.0))
            except queue.Empty:
                continue
            if line is None:
                return
            yield line

    def stop(self):
        """Kill every process of the submission: SIGKILL to the session after a grace, then a sweep."""
        try:
            self.process.wait(timeout=GRACE)
        except subprocess.TimeoutExpired:
            pass
        for sig in (signal.SIGKILL,):
            try:
                os.killpg(self.process.pid, sig)
            except (ProcessLookupError, PermissionError):
                pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        sweep(self.launch.token)
        remove_cgroups(self.launch.cgroups)
        release_uid(self.launch.request_paths.get("uid"))


def processes_with_token(token):
    """Process ids whose environment carries the sandbox's marker (the weak mode's detached processes)."""
    marker = f"AUTODIDACT_SANDBOX={token}".encode()
    found = []
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as handle:
                if marker in handle.read().split(b"\0"):
                    found.append(int(entry))
        except OSError:
            continue
    return found


def sweep(token, rounds=5):
    """Stop, then kill, every process carrying ``token``: a process that forks while we look is caught next round."""
    for _ in range(rounds):
        found = processes_with_token(token)
        if not found:
            return
        for pid in found:
            try:
                os.kill(pid, signal.SIGSTOP)
            except OSError:
                pass
        for pid in found:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        time.sleep(0.05)
