"""When pytest runs the solution notebooks (nbval), a failing check(...) must fail the run.

check() normally only shows ✓/✗; with AUTODIDACT_STRICT_CHECKS=1 it raises instead. The kernels
nbval starts inherit this process's environment.
"""
import os

os.environ["AUTODIDACT_STRICT_CHECKS"] = "1"
