"""``autodidact trace``: the chain rule for one expression, step by step, in the terminal.

    autodidact trace "log(x**2)" --at x=5
    autodidact trace "x*y + sin(x)" --at x=1.5 y=-2 --svg graph.svg
    autodidact trace "sum(w * v)" --at "w=[1, 2, 3]" "v=[4, 5, 6]"

The expression is never given to ``eval``. It is parsed with ``ast`` and checked against an
allow-list (numbers, the variables given with ``--at``, + - * / ** @, unary minus, and autodidact's
math functions); anything else (attribute access, imports, dunder names, lambdas, comprehensions,
strings...) is refused with exit code 2 before anything runs. The checked tree is then evaluated by
a small interpreter below that only knows those node types.
"""
import argparse
import ast
import json
import math
import sys

from ..engine.ops.public import single_argument_functions

# autodidact's functions that take one tensor (exp, log, sum...): generated from the op specs
FUNCTIONS = single_argument_functions()
CONSTANTS = {"pi": math.pi, "e": math.e}
_OPERATORS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**", ast.MatMult: "@"}


class ExpressionError(ValueError):
    """The expression uses something outside the allow-list, or a value is missing."""


def parse(expression, variables):
    """Parse and check ``expression``; returns the ``ast.Expression`` tree, or raises ExpressionError."""
    if len(expression) > 2000:
        raise ExpressionError("the expression is too long (over 2000 characters)")
    try:
        tree = ast.parse(expression.strip(), mode="eval")
    except SyntaxError as error:
        raise ExpressionError(f"this is not a valid expression: {error.msg} (e.g. write 2*x, not 2x)") \
            from None
    for node in ast.walk(tree):
        _check(node, variables)
    return tree


def _check(node, variables):
    if isinstance(node, (ast.Expression, ast.Load)) or type(node) in _OPERATORS:
        return
    if isinstance(node, (ast.USub, ast.UAdd)):
        return
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
            raise ExpressionError(f"only numbers are allowed as constants, not {node.value!r}")
        return
    if isinstance(node, ast.Name):
        name = node.id
        if name.startswith("_"):
            raise ExpressionError(f"names starting with '_' are not allowed ('{name}')")
        if name in variables or name in CONSTANTS or name in FUNCTIONS:
            return
        raise ExpressionError(f"unknown name '{name}': give its value with --at {name}=<number>, "
                              f"or use one of the functions {', '.join(FUNCTIONS)}")
    if isinstance(node, ast.BinOp):
        if type(node.op) not in _OPERATORS:
            raise ExpressionError(f"the operator {type(node.op).__name__} is not allowed; "
                                  "use + - * / ** or @")
        return
    if isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, (ast.USub, ast.UAdd)):
            raise ExpressionError(f"the operator {type(node.op).__name__} is not allowed")
        return
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            what = ast.unparse(node.func)
            raise ExpressionError(f"calling '{what}' is not allowed; the functions you can call are "
                                  f"{', '.join(FUNCTIONS)}")
        if node.keywords or len(node.args) != 1:
            raise ExpressionError(f"{node.func.id}() takes exactly one argument here, e.g. "
                                  f"{node.func.id}(x)")
        return
    if isinstance(node, ast.Attribute):
        raise ExpressionError("attribute access (a.b) is not allowed in a traced expression")
    kinds = {ast.Lambda: "lambdas", ast.ListComp: "comprehensions", ast.GeneratorExp: "comprehensions",
             ast.SetComp: "comprehensions", ast.DictComp: "comprehensions", ast.Subscript: "indexing",
             ast.NamedExpr: "assignments"}
    what = kinds.get(type(node), f"'{type(node).__name__}' expressions")
    raise ExpressionError(f"{what} are not allowed; use numbers, variables, + - * / ** @ and the "
                          f"functions {', '.join(FUNCTIONS)}")


def evaluate(tree, values):
    """Evaluate a tree that ``parse`` accepted; ``values`` maps variable names to tensors."""
    import autodidact as ad

    def run(node):
        if isinstance(node, ast.Expression):
            return run(node.body)
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Name):
            return values[node.id] if node.id in values else CONSTANTS[node.id]
        if isinstance(node, ast.UnaryOp):
            operand = run(node.operand)
            return -operand if isinstance(node.op, ast.USub) else operand
        if isinstance(node, ast.BinOp):
            left, right = run(node.left), run(node.right)
            operator = _OPERATORS[type(node.op)]
            if operator == "+":
                return left + right
            if operator == "-":
                return left - right
            if operator == "*":
                return left * right
            if operator == "/":
                return left / right
            if operator == "**":
                return left ** right
            return left @ right
        if isinstance(node, ast.Call):
            argument = run(node.args[0])
            if not isinstance(argument, ad.Tensor):
                argument = ad.tensor(float(argument))
            return getattr(ad, node.func.id)(argument)
        raise ExpressionError(f"cannot evaluate {type(node).__name__}")  # parse() never lets one through

    return run(tree)


def parse_assignments(pairs):
    """``["x=5", "w=[1, 2]"]`` -> {"x": 5.0, "w": [1.0, 2.0]} (numbers or nested lists of numbers)."""
    values = {}
    for pair in pairs:
        name, sep, text = pair.partition("=")
        name = name.strip()
        if not sep or not name.isidentifier() or name.startswith("_"):
            raise ExpressionError(f"--at expects name=value pairs like x=5 or w=[1,2,3], got '{pair}'")
        if name in FUNCTIONS or name in CONSTANTS:
            raise ExpressionError(f"'{name}' is a function or constant name; pick another variable name")
        try:
            value = ast.literal_eval(text.strip())
        except (ValueError, SyntaxError):
            raise ExpressionError(f"the value of {name} must be a number or a list of numbers, "
                                  f"got '{text}'") from None
        if not _numeric(value):
            raise ExpressionError(f"the value of {name} must be a number or a list of numbers, "
                                  f"got '{text}'")
        values[name] = value
    return values


def _numeric(value):
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    return isinstance(value, (list, tuple)) and len(value) > 0 and all(_numeric(v) for v in value)


def build_parser():
    parser = argparse.ArgumentParser(
        prog="autodidact trace",
        description="Trace the backward pass of an expression, step by step (chain rule).",
        epilog='example: autodidact trace "x*y + sin(x)" --at x=1.5 y=-2')
    parser.add_argument("expression", help='the expression, e.g. "log(x**2)"')
    parser.add_argument("--at", nargs="+", default=[], metavar="NAME=VALUE",
                        help="values of the variables, e.g. --at x=5 y=-2 (lists work: w=[1,2,3])")
    parser.add_argument("--svg", metavar="FILE", help="also write the graph as SVG")
    parser.add_argument("--png", metavar="FILE", help="also write the graph as PNG")
    parser.add_argument("--dot", metavar="FILE", help="also write the graph as Graphviz DOT")
    parser.add_argument("--step", type=int, help="highlight backward step K in the graph")
    parser.add_argument("--format", choices=("text", "markdown", "json"), default="text",
                        help="how to print the trace (default: text)")
    return parser


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse already printed what was wrong
        return int(exit_.code or 0)
    try:
        values = parse_assignments(args.at)
        tree = parse(args.expression, values)
    except ExpressionError as error:
        print(f"autodidact trace: {error}", file=sys.stderr)
        return 2

    import autodidact as ad
    from .. import drawing  # noqa: F401  (registers Trace.graph(), used by --graph below)

    tensors = {name: ad.tensor(value, dtype=ad.float64, requires_grad=True) for name, value in values.items()}
    try:
        with ad.trace(labels=dict(tensors)) as t:
            result = evaluate(tree, tensors)
            if not isinstance(result, ad.Tensor) or not result.requires_grad:
                print("autodidact trace: the expression does not depend on any variable given with "
                      "--at, so there is nothing to differentiate", file=sys.stderr)
                return 2
            if result.numel() != 1:
                print(f"autodidact trace: the expression gives a tensor of shape {list(result.shape)}; "
                      "backward needs one number: wrap it in sum(...) or mean(...)", file=sys.stderr)
                return 2
            if result.grad_fn is not None:
                result.grad_fn.label = "f"
            result.backward()
    except (RuntimeError, ValueError, TypeError, ZeroDivisionError, OverflowError) as error:
        print(f"autodidact trace: could not compute the expression: {error}", file=sys.stderr)
        return 1

    if args.format == "json":
        print(json.dumps(t.to_dict(), indent=2, ensure_ascii=False))
    elif args.format == "markdown":
        print(t._repr_markdown_())
    else:
        print(t)
    try:
        for path in (args.svg, args.png, args.dot):
            if path:
                t.graph(step=args.step).save(path)
                print(f"wrote {path}", file=sys.stderr)
    except (IndexError, ValueError, OSError) as error:
        print(f"autodidact trace: could not write the graph: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
