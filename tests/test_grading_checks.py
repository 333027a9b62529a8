"""The checks themselves, in-process (no kernel): solutions pass, starters and wrong answers fail.

Every exercise is run the way a learner runs it: the notebook's cells in order, and the checks at
the exercise's own ``check("x.y")`` cell, so a check that needed a later exercise would fail here.
"""
import shutil
from pathlib import Path

import nbformat
import pytest

from autodidact.grading import all_exercises, get_exercise
from autodidact.grading.core import ERROR, FAILED, NOT_ATTEMPTED, PASSED, TIMEOUT
from autodidact.grading.inprocess import run_cells
from autodidact.grading.strip import STARTER, generate, strip_source

REPO = Path(__file__).resolve().parents[1]
SOLUTIONS = sorted((REPO / "solutions").glob("*.ipynb"))
EXERCISE_IDS = [e.id for e in all_exercises()]


def code_cells(path):
    return [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def notebook_for(exercise_id, folder="solutions"):
    lesson = int(exercise_id.split(".")[0])
    (path,) = (REPO / folder).glob(f"{lesson:02d}_*.ipynb")
    return path


def cells_up_to_check(exercise_id, folder="solutions"):
    """The code cells of the exercise's notebook, up to and including its check cell."""
    cells = code_cells(notebook_for(exercise_id, folder))
    end = next(i for i, s in enumerate(cells) if s.strip() == f'check("{exercise_id}")')
    return cells[: end + 1]


def exercise_cell_index(cells, exercise_id):
    return next(i for i, s in enumerate(cells) if s.startswith(f"# EXERCISE {exercise_id}\n"))


def grade(cells, exercise_id, seed=None):
    _, results, _ = run_cells(cells, name=f"exercise {exercise_id}", seed=seed)
    return results[exercise_id]


# -- structure ---------------------------------------------------------------------------------

def test_every_lesson_has_three_to_six_exercises_with_points_titles_and_hints():
    by_lesson = {}
    for exercise in all_exercises():
        by_lesson.setdefault(exercise.lesson, []).append(exercise)
        assert exercise.points > 0 and exercise.title and exercise.checks
        for check in exercise.checks:
            assert check.name and len(check.hint) > 30, (exercise.id, check.name)
    assert sorted(by_lesson) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    assert all(3 <= len(v) <= 6 for v in by_lesson.values())
    assert len(SOLUTIONS) == len(by_lesson)


@pytest.mark.parametrize("exercise_id", EXERCISE_IDS)
def test_each_exercise_has_one_marked_cell_followed_by_its_check(exercise_id):
    cells = code_cells(notebook_for(exercise_id))
    marked = [i for i, s in enumerate(cells) if s.startswith(f"# EXERCISE {exercise_id}\n")]
    assert len(marked) == 1
    assert cells[marked[0] + 1].strip() == f'check("{exercise_id}")'


def test_exercises_folder_is_generated_from_solutions():
    stale = generate(REPO / "solutions", REPO / "exercises", check_only=True)
    assert stale == [], ("exercises/ is out of step with solutions/; run "
                         "`python -m autodidact.grading.strip`: " + ", ".join(stale))


# -- every check passes on the solution and fails on the starter ------------------------------

@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_every_check_passes_on_the_solution(path):
    # twice: the inputs are drawn afresh every time, so a flaky check would show up here
    for _ in range(2):
        _, results, errors = run_cells(code_cells(path), name=path.stem)
        assert errors == []
        for exercise_id, result in results.items():
            for check in result.checks:
                assert check.status == PASSED, f"{exercise_id} {check.name}: {check.detail}"


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_every_check_reports_not_attempted_on_the_starter(path):
    exercise_path = REPO / "exercises" / path.name
    _, results, errors = run_cells(code_cells(exercise_path), name=exercise_path.stem)
    assert errors == []
    lesson = int(path.name[:2])
    assert sorted(results) == [e.id for e in all_exercises() if e.lesson == lesson]
    for exercise_id, result in results.items():
        assert result.status == NOT_ATTEMPTED
        assert result.score == 0
        for check in result.checks:
            assert check.status == NOT_ATTEMPTED and check.score == 0, (exercise_id, check.name)


# -- typical wrong answers fail, with a helpful message ---------------------------------------

STARTER_WITHOUT_RAISE = "the starter code with its raise line deleted (the bug left in)"

WRONG_ANSWERS = {
    "1.1": [("off by a sign", "3 * x**2 - 4", "3 * x**2 + 4", "should be"),
            ("hard-coded number (f'(5))", "return 3 * x**2 - 4", "return 71.0", "at x =")],
    "1.2": [("returns the tensor, not a float", "return x.grad.item()", "return x.grad", "item()")],
    "1.3": [("returns the grad_fn object", "return type(y.grad_fn).__name__", "return y.grad_fn", "__name__"),
            ("forgets leaves", "    if y.grad_fn is None:\n        return None\n", "", "None")],
    "2.1": [("forgets the inner derivative", "return (1 / h) * (2 * x)", "return 1 / h", "inner derivative")],
    "2.2": [("the seed notebook's product", STARTER_WITHOUT_RAISE, None, "that is dz/dx, not dz/dh")],
    "2.3": [("only one path", "return direct + through_h", "return direct", "each path"),
            ("math.log on an array", "direct = np.log(x)", "import math; direct = math.log(x)", "np.log")],
    "3.1": [("forgets the mean (wrong shape)", "((y_hat - y) ** 2).mean()", "(y_hat - y) ** 2", "shape"),
            ("sum instead of mean", "((y_hat - y) ** 2).mean()", "((y_hat - y) ** 2).sum()", "a sum where a mean")],
    "3.2": [("off by a sign", "residual = a * x + b - y", "residual = y - (a * x + b)", "sign"),
            ("forgets the factor 2", "np.mean(2 * residual * x)", "np.mean(residual * x)", "0.5 times the right one")],
    "3.3": [("steps uphill", "params - lr * params.grad", "params + lr * params.grad", "downhill"),
            ("returns a non-leaf", "return new_params.detach().requires_grad_()", "return new_params", "leaf"),
            ("in-place update under no_grad, .grad never zeroed",
             "    new_params = params - lr * params.grad\n    return new_params.detach().requires_grad_()",
             "    with torch.no_grad():\n        params -= lr * params.grad\n    return params",
             "still holds the old gradient")],
    "4.1": [("forgotten zero_()", STARTER_WITHOUT_RAISE, None, "zero gradient")],
    "4.2": [("rebinds the name instead of updating", "p -= lr * p.grad", "p = p - lr * p.grad", "rebinds"),
            ("updates without no_grad", "    with torch.no_grad():\n        for p in parameters:\n"
             "            p -= lr * p.grad\n            p.grad.zero_()",
             "    for p in parameters:\n        p -= lr * p.grad\n        p.grad.zero_()", "p -= lr * p.grad"),
            ("forgotten zero_()", "            p.grad.zero_()\n", "", "zero_()")],
    "4.3": [("learning rate too large", "lr = 0.1", "lr = 1.0", "diverged"),
            ("too few steps", "range(300)", "range(3)", "more steps")],
    "5.1": [("sums everything (wrong shape)", "    extra = grad.dim() - len(shape)\n",
             "    return grad.sum()\n", "shape"),
            ("forgets the size-1 dimensions", "for axis, size in enumerate(shape):", "for axis, size in []:",
             "keepdim"),
            ("a NumPy array instead of a tensor", "    return grad\n", "    return grad.numpy()\n", "not a tensor")],
    "5.2": [("forgets the transpose (wrong shape)", "grad_out @ B.T", "grad_out @ B", "grad_A = grad_out @ B"),
            ("NumPy arrays instead of tensors", "return grad_A, grad_B", "return grad_A.numpy(), grad_B.numpy()",
             "not a tensor")],
    "5.3": [("forgets to sum over the rows (wrong shape)", "return grad_out.sum(dim=0)", "return grad_out", "shape")],
    "6.1": [("forgets the upstream gradient", "return grad * 3 * x**2", "return 3 * x**2", "upstream")],
    "6.2": [("returns one gradient", "return grad * x / out, grad * y / out", "return grad * x / out",
             "one gradient per"),
            ("swaps the two gradients", "return grad * x / out, grad * y / out",
             "return grad * y / out, grad * x / out", "x.grad")],
    "6.3": [("hard-coded True", "    x = torch.randn(5, dtype=torch.float64, requires_grad=True)\n"
             "    return torch.autograd.gradcheck(function_class.apply, (x,), raise_exception=False)",
             "    return True", "fixed True")],
    "6.4": [("= instead of += (no accumulation)", "self.grad += other.data * out.grad",
             "self.grad = other.data * out.grad", "+="),
            ("plain numbers not wrapped", "        other = other if isinstance(other, Value) else Value(other)\n"
             "        out = Value(self.data * other.data", "        out = Value(self.data * other.data",
             "wrap plain numbers")],
    "7.1": [("zero weights", "(torch.randn(n_in, n_hidden) / n_in**0.5).requires_grad_()",
             "torch.zeros(n_in, n_hidden, requires_grad=True)", "equal"),
            ("wrong shape", "torch.randn(n_in, n_hidden)", "torch.randn(n_hidden, n_in)", "shape"),
            ("scaled after requires_grad (not a leaf)", "(torch.randn(n_in, n_hidden) / n_in**0.5).requires_grad_()",
             "torch.randn(n_in, n_hidden, requires_grad=True) / n_in**0.5", "leaf")],
    "7.2": [("forgets tanh", "torch.tanh(X @ W1 + b1)", "X @ W1 + b1", "tanh")],
    "7.3": [("forgotten zero_()", "                p.grad.zero_()\n", "", "zero the gradients")],
    "7.4": [("forgotten optimizer.zero_grad()", "        optimizer.zero_grad()\n", "", "zero_grad"),
            ("step() before backward(): every step sees zero gradients",
             "        loss.backward()\n        optimizer.step()", "        optimizer.step()\n        loss.backward()",
             "come after backward()")],
}

# Lessons 9 and 10: the learner's own engine, compared with autodidact on random programs.
ITERATIVE_ORDER = """    order, visited, stack = [], set(), [(root, False)]
    while stack:
        node, parents_done = stack.pop()
        if parents_done:
            order.append(node)          # all its parents are in the list already
        elif id(node) not in visited:
            visited.add(id(node))
            stack.append((node, True))  # come back to it once its parents are done
            stack.extend((parent, False) for parent in node.parents)
    return order
"""
RECURSIVE_ORDER = """    order, visited = [], set()

    def visit(node):
        if id(node) not in visited:
            visited.add(id(node))
            for parent in node.parents:
                visit(parent)
            order.append(node)

    visit(root)
    return order
"""
ITERATIVE_NODES = """    nodes, seen, stack = [], set(), [output.grad_fn]
    while stack:
        node = stack.pop()
        if node is None or node in seen:
            continue
        seen.add(node)
        nodes.append(node)
        stack.extend(next_node for next_node, _ in node.next_functions)
    return nodes
"""
RECURSIVE_NODES = """    nodes, seen = [], set()

    def visit(node):
        if node is not None and node not in seen:
            seen.add(node)
            nodes.append(node)
            for next_node, _ in node.next_functions:
                visit(next_node)

    visit(output.grad_fn)
    return nodes
"""
WRONG_ANSWERS.update({
    "8.1": [("recursive (fails 10,000 deep)", ITERATIVE_NODES, RECURSIVE_NODES, "about 1,000 nested calls"),
            ("no seen set (a node listed twice)", "if node is None or node in seen:", "if node is None:",
             "Keep a set of the nodes already seen")],
    "8.2": [("the walk's order, no counting", "    nodes = graph_nodes(output)\n", "    return graph_nodes(output)\n",
             "before all its gradient had arrived")],
    "8.3": [("leading dims forgotten", "dims = list(range(extra))", "dims = []", "more dimension(s)"),
            ("dims counted from the left", "dims.append(extra + i)", "dims.append(i)", "line up with the right end")],
    "9.1": [("recursive (fails 10,000 deep)", ITERATIVE_ORDER, RECURSIVE_ORDER, "Python stops at about 1,000 nested calls"),
            ("no visited set (a value listed twice)", "elif id(node) not in visited:", "else:", "keep a set of visited values"),
            ("root first", "    return order\n", "    return order[::-1]\n", "the root comes first")],
    "9.2": [("= instead of +=", "grad += ", "grad = ", "+="),
            ("backward() not seeded with 1", "        self.grad = 1.0\n", "", "self.grad = 1"),
            ("plain numbers not wrapped", "        other = other if isinstance(other, Value) else Value(other)\n", "",
             "wrap plain numbers")],
    "9.3": [("pow's local derivative off by one power", "self.data ** (exponent - 1)", "self.data ** exponent",
             "should be"),
            ("2.5 - a computed as a - 2.5", "return (-self) + other", "return self - other", "2.5 - x0")],
    "9.4": [("tanh's derivative from the input", "(1 - out.data**2)", "(1 - self.data**2)", "x0.tanh()"),
            ("relu passes every gradient", "(1.0 if self.data > 0 else 0.0) * out.grad", "out.grad", "relu()")],
    "9.5": [("gradients never reset", "            parameter.grad = 0.0\n", "", "never reset"),
            ("sum instead of mean", " / len(xs)", "", "should be")],
    "10.1": [("leading dimensions kept", "    while grad.ndim > len(shape):\n        grad = grad.sum(axis=0)\n", "",
              "should have shape"),
             ("size-1 dimensions dropped", "grad.sum(axis=axis, keepdims=True)", "grad.sum(axis=axis)",
              "should have shape")],
    "10.2": [("= instead of +=", "grad += ", "grad = ", "+="),
             ("backward() not seeded", "        self.grad = np.ones_like(self.data)\n", "", "should be"),
             ("no unbroadcast for the second input", "other.grad += unbroadcast(out.grad, other.shape)",
              "other.grad = other.grad + out.grad", "but b has shape"),
             ("no unbroadcast, in place", "unbroadcast(out.grad, other.shape)", "out.grad",
              "sum its gradient back to that shape")],
    "10.3": [("transpose missing", "out.grad @ other.data.T", "out.grad @ other.data", "a transpose is missing")],
    "10.4": [("tanh's derivative from the input", "(1 - out.data**2)", "(1 - self.data**2)", "should be"),
             ("mean's step not divided by the size", " / self.data.size", "", "x.grad"),
             # passed while the checked mean was the output itself, whose out.grad is 1
             ("mean's step forgets out.grad", "np.ones_like(self.data) * out.grad / self.data.size",
              "np.ones_like(self.data) / self.data.size", "x.grad")],
    "10.5": [("no tanh", "(X @ W1 + b1).tanh()", "(X @ W1 + b1)", "should be"),
             ("sum instead of mean", "(gap * gap).mean()", "(gap * gap).sum()", "should be")],
})



def starter_without_raise(source):
    lines = strip_source(source).split("\n")
    return "\n".join(line for line in lines if "raise NotImplementedError" not in line)


def wrong_cases():
    for exercise_id, answers in WRONG_ANSWERS.items():
        for description, old, new, expected in answers:
            yield pytest.param(exercise_id, old, new, expected, id=f"{exercise_id} {description}")


def test_every_exercise_has_a_wrong_answer():
    assert sorted(WRONG_ANSWERS) == sorted(EXERCISE_IDS)


@pytest.mark.parametrize("exercise_id, old, new, expected", list(wrong_cases()))
def test_wrong_answer_fails_with_a_helpful_message(exercise_id, old, new, expected):
    cells = cells_up_to_check(exercise_id)
    index = exercise_cell_index(cells, exercise_id)
    if old == STARTER_WITHOUT_RAISE:
        assert STARTER.search(cells[index]) or any(STARTER.match(l) for l in cells[index].splitlines())
        cells[index] = starter_without_raise(cells[index])
    else:
        assert old in cells[index], f"the wrong answer no longer applies to the solution of {exercise_id}"
        cells[index] = cells[index].replace(old, new)
    # A fixed draw: a wrong answer may be lucky on rare inputs (a training run without zero_() can
    # still land under the target loss), and this test is about the message, not about luck.
    result = grade(cells, exercise_id, seed=2024)
    assert result.status != PASSED and result.score < result.max_score
    failing = [c for c in result.checks if c.status in (FAILED, ERROR, TIMEOUT)]
    assert failing, [c.status for c in result.checks]
    exercise = get_exercise(exercise_id)
    hints = {c.name: " ".join(c.hints) for c in exercise.checks}
    for check in failing:
        assert check.detail.strip() and check.hint.strip()
        assert "Traceback" not in check.detail and "autodidact/grading" not in check.detail
    messages = " ".join(c.detail + " " + hints[c.name] for c in failing)
    assert expected.lower() in messages.lower(), messages


@pytest.mark.parametrize("actual, expected, named", [
    ([2.0, -4.0, 6.0], [1.0, -2.0, 3.0], "Every value is 2 times"),       # an extra factor
    ([0.25, 0.5], [1.0, 2.0], "Every value is 0.25 times"),             # a sum of 4 where a mean is asked
    (-5.2, 10.4, "That is -0.5 times"),                                 # half, and the sign too
    ([-1.0, 2.0], [1.0, -2.0], "opposite sign"),
    (3.7, 10.4, ""),                                                    # one number: any ratio is a ratio
    ([1.0, 5.0], [1.0, 2.0], ""),                                       # not one factor
    ([0.0, 0.0], [0.0, 0.0], ""),
])
def test_a_constant_factor_is_named(actual, expected, named):
    from autodidact.grading.core import constant_factor_note
    note = constant_factor_note(actual, expected)
    assert (named in note) if named else note == ""


# -- the generator -----------------------------------------------------------------------------

def test_strip_replaces_each_solution_region_with_a_raise_at_its_indentation():
    source = ("# EXERCISE 9.1\ndef f(x):\n    # BEGIN SOLUTION\n    y = x + 1\n    return y\n    # END SOLUTION\n"
              "\nclass C:\n    def g(self):\n        # BEGIN SOLUTION\n        return 2\n        # END SOLUTION\n")
    stripped = strip_source(source)
    assert "x + 1" not in stripped and "return 2" not in stripped
    assert '\n    raise NotImplementedError("Exercise 9.1: replace this line with your code")\n' in stripped
    assert '\n        raise NotImplementedError("Exercise 9.1: replace this line with your code")' in stripped
    compile(stripped, "stripped", "exec")


def test_strip_uses_starter_lines_for_find_the_bug_cells():
    source = ("# EXERCISE 9.2\ndef f(x):\n    # STARTER: raise NotImplementedError(\"Exercise 9.2: fix it\")\n"
              "    # BEGIN SOLUTION\n    return x * 2\n    # END SOLUTION\n    # STARTER: return x + 2\n")
    assert strip_source(source) == ("# EXERCISE 9.2\ndef f(x):\n    raise NotImplementedError(\"Exercise 9.2: fix it\")\n"
                                    "    return x + 2\n")


@pytest.mark.parametrize("source, message", [
    ("# EXERCISE 9.3\n# BEGIN SOLUTION\nx = 1\n", "never closed"),
    ("# EXERCISE 9.3\nx = 1\n# END SOLUTION\n", "without BEGIN"),
    ("# BEGIN SOLUTION\nx = 1\n# END SOLUTION\n", "needs an '# EXERCISE x.y' line"),
])
def test_strip_rejects_malformed_markers(source, message):
    from autodidact.grading.strip import StripError

    with pytest.raises(StripError, match=message):
        strip_source(source)


def test_strip_reports_a_stale_exercise_folder(tmp_path):
    solutions, exercises = tmp_path / "solutions", tmp_path / "exercises"
    solutions.mkdir()
    shutil.copy(REPO / "solutions" / "01_derivatives.ipynb", solutions)
    assert len(generate(solutions, exercises)) == 2  # the notebook and test_exercises.py, written
    assert generate(solutions, exercises, check_only=True) == []
    notebook = nbformat.read(solutions / "01_derivatives.ipynb", as_version=4)
    notebook.cells[1].source += "\n# a change in the solutions"
    nbformat.write(notebook, solutions / "01_derivatives.ipynb")
    assert generate(solutions, exercises, check_only=True) == [str(exercises / "01_derivatives.ipynb")]


def test_every_lesson_with_exercises_has_its_notebook_name():
    """The grader finds a lesson's notebook by this name: it must be the exercise file's name."""
    from autodidact.grading.checks import NOTEBOOKS

    lessons = sorted({e.lesson for e in all_exercises()})
    assert sorted(NOTEBOOKS) == lessons
    assert sorted(NOTEBOOKS.values()) == sorted(p.name for p in (REPO / "exercises").glob("*.ipynb"))


# -- the message names the mistake itself (not only the hints), and stays short ------------------

NAMED_MISTAKES = [
    ("3.3", "returns the stepped tensor (not a leaf)", "return new_params.detach().requires_grad_()",
     "return new_params", "not a leaf", "NoneType"),
    ("3.3", "detached but not requiring grad", "return new_params.detach().requires_grad_()",
     "return new_params.detach()", "do not require grad", "element 0 of tensors"),
    ("6.3", "gradcheck left to raise", ", raise_exception=False)", ")", "raise_exception=False", "numerical:"),
    ("7.3", "targets flattened: [n, 1] minus [n] broadcasts", "(mlp_forward(params, X) - y)",
     "(mlp_forward(params, X) - y.reshape(-1))", "broadcasts to [n, n]", "are the gradients zeroed"),
    ("7.4", "no activation between the layers", "nn.Tanh(), ", "", "straight line", "zero gradients"),
    ("9.2", "steps run parents first", "for node in reversed(topological_order(self)):",
     "for node in topological_order(self):", "reversed(topological_order(self))", "must start with self.grad = 1"),
    # all gradients 0 from a step made of .grad (0 when it runs): the order is not the only suspect
    ("9.2", "a step multiplies by the other's grad, not its data",
     "self.grad += other.data * out.grad\n            other.grad += self.data * out.grad",
     "self.grad += other.grad * out.grad\n            other.grad += self.grad * out.grad",
     "made from the .data of the values", "must start with self.grad = 1"),
    ("1.1", "a number instead of a function", "def f_prime(x):", "f_prime = 3\ndef unused(x):",
     "but it is an int", "a int"),
    # the seed notebook's two backward passes, without zeroing x.grad between them
    ("2.2", "x.grad kept between two backward passes",
     "    h.retain_grad()         # h is not a leaf: ask autograd to keep dz/dh in h.grad\n"
     "    z.backward()\n    dz_dh = h.grad.item()   # 1/h\n    dh_dx = 2 * x_value     # the local derivative of x**2\n",
     "    z.backward(retain_graph=True)\n    dz_dh = 1 / x_value**2\n    h.backward()\n    dh_dx = x.grad.item()\n",
     "x.grad still held the first backward's gradient", "dh_dx at x ="),
    ("3.2", "the two gradients swapped", "return float(dL_da), float(dL_db)", "return float(dL_db), float(dL_da)",
     "swapped", "dL_da for a ="),
    ("3.3", "a sum where the mean is asked", "loss = ((params[0] * x + params[1] - y) ** 2).mean()",
     "loss = ((params[0] * x + params[1] - y) ** 2).sum()", "a sum where a mean is asked", "the new parameters (learning rate"),
    ("4.2", "gradient zeroed before the update", "            p -= lr * p.grad\n            p.grad.zero_()",
     "            p.grad.zero_()\n            p -= lr * p.grad", "zeroed before the update used it", "rebinds"),
    ("4.2", "a step uphill", "p -= lr * p.grad", "p += lr * p.grad", "opposite sign", "after the update: the shape is right"),
    # the seed document's product: x.grad after z.backward() is dz/dx already, times dh/dx again
    ("2.2", "dz/dx multiplied by dh/dx", "    dz_dx = x.grad.item()   # autograd already multiplied dz/dh by dh/dx\n",
     "    dz_dx = x.grad.item() * dh_dx\n", "dh/dx counted twice", "but should be"),
    # h.grad read without retain_grad(): the None is named, and dh_dx (right) is not blamed for it
    ("2.2", "h.grad without retain_grad()", "    h.retain_grad()         # h is not a leaf: ask autograd to keep dz/dh in h.grad\n"
     "    z.backward()\n    dz_dh = h.grad.item()   # 1/h\n", "    z.backward()\n    dz_dh = h.grad\n",
     "retain_grad()", "dz_dh should be a number"),
    # gradcheck's finding names forward's argument (x), not "input1"
    ("6.1", "forgets the upstream gradient", "return grad * 3 * x**2", "return 3 * x**2", "/∂x[", "input1"),
    ("4.2", "the loop skips a parameter", "        for p in parameters:\n", "        for p in parameters[:1]:\n",
     "though parameter 0 did", "rebinds"),
    ("3.1", "the loss made from .data", "return ((y_hat - y) ** 2).mean()", "return ((y_hat.data - y) ** 2).mean()",
     "does not require grad", "computed from y_hat with tensor operations"),
    ("4.1", "the parameters rebound under no_grad", "            params -= lr * params.grad\n",
     "            params = params - lr * params.grad\n", "update the parameter itself in place", "Traceback"),
]


@pytest.mark.parametrize("exercise_id, description, old, new, expected, wrong", NAMED_MISTAKES,
                         ids=[f"{case[0]} {case[1]}" for case in NAMED_MISTAKES])
def test_the_message_itself_names_the_mistake(exercise_id, description, old, new, expected, wrong):
    cells = cells_up_to_check(exercise_id)
    index = exercise_cell_index(cells, exercise_id)
    assert old in cells[index], f"the wrong answer no longer applies to the solution of {exercise_id}"
    cells[index] = cells[index].replace(old, new)
    result = grade(cells, exercise_id, seed=2024)
    details = [c.detail for c in result.checks if not c.passed]
    assert details and result.score < result.max_score
    assert any(expected in d for d in details), details
    assert not any(wrong in d for d in details), details
    assert not any("characters cut" in d for d in details), details  # a 10,000-step program is summarised


def test_an_exercise_that_needs_a_missing_operator_says_which_method_to_write():
    """9.4 before 9.3 is done: each function alone is still checked, and the mixed programs name __sub__."""
    cells = cells_up_to_check("9.4")
    cells[exercise_cell_index(cells, "9.3")] = "# EXERCISE 9.3\npass\n"
    result = grade(cells, "9.4", seed=2024)
    alone, mixed = result.checks
    assert alone.passed, alone.detail
    assert not mixed.passed and "no __sub__ method yet" in mixed.detail, mixed.detail


@pytest.mark.parametrize("exercise_id, old, new, expected", [
    ("10.2", "for node in reversed(topological_order(self)):", "for node in topological_order(self):",
     "though the output's grad is 1"),
    ("10.2", "        self.grad = np.ones_like(self.data)\n", "", "setting the output's grad to ones"),
    ("10.4", "out.grad / self.data.size", "out.grad / len(self.data)", "up to a constant factor"),
    ("10.5", "return (gap * gap).mean()", "return (gap * gap).mean().data", "not one of your Tensors"),
])
def test_tensor_engine_messages_name_the_mistake(exercise_id, old, new, expected):
    cells = cells_up_to_check(exercise_id)
    index = exercise_cell_index(cells, exercise_id)
    assert old in cells[index]
    cells[index] = cells[index].replace(old, new)
    result = grade(cells, exercise_id, seed=2024)
    details = " ".join(c.detail for c in result.checks if not c.passed)
    assert result.score < result.max_score and expected in details, details
    assert "AttributeError" not in details


def test_weights_that_are_not_numbers_are_not_called_random_and_small():
    cells = cells_up_to_check("7.1")
    index = exercise_cell_index(cells, "7.1")
    old = "(torch.randn(n_in, n_hidden) / n_in**0.5).requires_grad_()"
    cells[index] = cells[index].replace(old, "torch.full((n_in, n_hidden), float('nan'), requires_grad=True)")
    result = grade(cells, "7.1", seed=2024)
    symmetry = result.checks[2]
    assert not symmetry.passed and "nan" in symmetry.detail, symmetry.detail


def test_a_model_that_returns_the_stored_targets_does_not_pass_as_trained():
    cells = cells_up_to_check("7.4")
    index = exercise_cell_index(cells, "7.4")
    cells[index] = cells[index] + (
        "\n\nclass Remembers(nn.Module):\n    def __init__(self, y):\n        super().__init__()\n"
        "        self.scale = nn.Parameter(torch.ones(1))\n        self.y = y\n\n"
        "    def forward(self, X):\n        return self.y * self.scale\n\n\n"
        "def train_with_nn(X, y):\n    return Remembers(y)\n")
    result = grade(cells, "7.4", seed=2024)
    fits = result.checks[1]
    assert not fits.passed and "halfway between" in fits.detail, fits.detail


def test_interrupting_a_check_in_the_notebook_stops_it_and_a_slow_one_times_out():
    from autodidact.grading import check

    def pressed_interrupt(x):  # what Jupyter's Interrupt raises in the middle of a check
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):  # was reported as "timed out: stopped after 10 s"
        check("1.1", namespace={"f_prime": pressed_interrupt})

    def never_returns(x):
        while True:
            pass

    feedback = check("1.1", namespace={"f_prime": never_returns}, time_limit=0.5)
    assert all(c.status == TIMEOUT for c in feedback.result.checks)


def test_a_line_whose_source_is_unknown_is_named_without_a_dangling_colon():
    from autodidact.grading.probe import exception_location
    namespace = {}
    exec(compile("def f_prime(x):\n    return x / 0\n", "<learner>", "exec"), namespace)
    try:
        namespace["f_prime"](1.0)
    except ZeroDivisionError as error:
        assert exception_location(error) == "in `f_prime`, line 2"


def test_the_random_function_of_1_2_is_written_with_a_minus_sign_not_plus_minus():
    from autodidact.grading.core import CheckFailed
    check = get_exercise("1.2").checks[0]
    inputs = {"cases": [{"a": 1.5, "b": -1.25, "x": 0.5}]}
    with pytest.raises(CheckFailed) as failure:
        check.judge(inputs, [123.0])
    assert "1.500·sin(x) − 1.250·x²" in str(failure.value) and "+ -" not in str(failure.value)
