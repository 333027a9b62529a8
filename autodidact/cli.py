"""The ``autodidact`` command: one entry point, a subcommand per task.

    autodidact trace "log(x**2)" --at x=5     step-by-step chain rule in the terminal
    autodidact grade [DIR]                   grade exercise notebooks
    autodidact grade-class DIR --csv F       grade a class's submissions in parallel sandboxes
    autodidact gradescope build              write a Gradescope autograder zip
    autodidact init DIR                      copy the course (lessons and exercises) into DIR
    autodidact lab [DIR]                     open JupyterLab on the course

Each subcommand lives with the layer it belongs to and is imported only when used.
"""
import importlib
import sys

SUBCOMMANDS = {
    "trace": ("autodidact.tracing.cli", "main", "trace an expression's backward pass step by step"),
    "grade": ("autodidact.grading.cli", "main", "grade exercise notebooks (terminal table, --json)"),
    "grade-class": ("autodidact.grading.classroom", "main", "grade a folder of submissions (CSV, JSON per student)"),
    "gradescope": ("autodidact.grading.gradescope", "main", "build a Gradescope autograder zip"),
    "init": ("autodidact.course", "init_main", "copy the course notebooks and exercises into a folder"),
    "lab": ("autodidact.course", "lab_main", "open JupyterLab on the course"),
}


def usage():
    lines = ["usage: autodidact <command> [options]", "", "commands:"]
    lines += [f"  {name:<11} {help_text}" for name, (_, _, help_text) in SUBCOMMANDS.items()]
    lines += ["", "Run 'autodidact <command> --help' for a command's options."]
    return "\n".join(lines)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv or argv[0] in ("-h", "--help"):
        print(usage())
        return 0 if argv else 2
    if argv[0] in ("-V", "--version"):
        from . import __version__

        print(f"autodidact {__version__}")
        return 0
    name, rest = argv[0], argv[1:]
    if name not in SUBCOMMANDS:
        print(f"autodidact: unknown command '{name}'\n\n{usage()}", file=sys.stderr)
        return 2
    module_name, function_name, _ = SUBCOMMANDS[name]
    function = getattr(importlib.import_module(module_name), function_name)
    return function(rest)


if __name__ == "__main__":
    sys.exit(main())
