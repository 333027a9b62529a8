"""Drawing the shapes of ``_scene`` as SVG text or as a PNG (matplotlib's Agg canvas), and the
graph itself as Graphviz DOT text."""
import io
from html import escape

from ._scene import COLORS, FONT, curve_segments


def _f(v):
    return f"{v:.1f}".rstrip("0").rstrip(".")


def to_svg(shapes, width, height):
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{_f(width)}" height="{_f(height)}" '
           f'viewBox="0 0 {_f(width)} {_f(height)}" font-family="{FONT}">',
           f'<rect x="0" y="0" width="{_f(width)}" height="{_f(height)}" fill="white"/>']
    for s in shapes:
        title = f"<title>{escape(s.title)}</title>" if s.title else ""
        if s.kind == "box":
            out.append(f'<g>{title}<rect x="{_f(s.x)}" y="{_f(s.y)}" width="{_f(s.width)}" '
                       f'height="{_f(s.height)}" rx="6" fill="{s.fill}" stroke="{s.stroke}" '
                       f'stroke-width="{s.stroke_width}"/></g>')
        elif s.kind == "ellipse":
            out.append(f'<g>{title}<ellipse cx="{_f(s.x)}" cy="{_f(s.y)}" rx="{_f(s.width / 2)}" '
                       f'ry="{_f(s.height / 2)}" fill="{s.fill}" stroke="{s.stroke}" '
                       f'stroke-width="{s.stroke_width}"/></g>')
        elif s.kind == "curve":
            d = f"M{_f(s.points[0][0])},{_f(s.points[0][1])}"
            for _, c1, c2, end in curve_segments(s.points):
                d += f" C{_f(c1[0])},{_f(c1[1])} {_f(c2[0])},{_f(c2[1])} {_f(end[0])},{_f(end[1])}"
            out.append(f'<path d="{d}" fill="none" stroke="{s.stroke}" stroke-width="{s.stroke_width}"/>')
        elif s.kind == "arrow":
            points = " ".join(f"{_f(x)},{_f(y)}" for x, y in s.points)
            out.append(f'<polygon points="{points}" fill="{s.fill}"/>')
        elif s.kind == "text":
            weight = ' font-weight="bold"' if s.bold else ""
            halo = ""
            if s.size < 11:  # edge labels: a white outline keeps them readable over lines
                halo = ' stroke="white" stroke-width="3" paint-order="stroke"'
            out.append(f'<text x="{_f(s.x)}" y="{_f(s.y)}" font-size="{s.size}" text-anchor="{s.anchor}" '
                       f'dominant-baseline="central" fill="{s.color}"{weight}{halo}>{escape(s.text)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def to_png(shapes, width, height, scale=2.0):
    """PNG bytes, drawn with matplotlib's Agg canvas (no pyplot, no display needed)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Ellipse, FancyBboxPatch, PathPatch, Polygon
    from matplotlib.path import Path
    import matplotlib.patheffects as effects

    dpi = 100 * scale
    figure = Figure(figsize=(width / 100, height / 100), dpi=dpi)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, width)
    axes.set_ylim(height, 0)  # y grows downwards, as in SVG
    axes.axis("off")
    point = 72 / 100  # one scene pixel in points at 100 dpi
    for s in shapes:
        if s.kind == "box":
            axes.add_patch(FancyBboxPatch((s.x, s.y), s.width, s.height, boxstyle="round,pad=0,rounding_size=6",
                                          facecolor=s.fill, edgecolor=s.stroke, linewidth=s.stroke_width * point))
        elif s.kind == "ellipse":
            axes.add_patch(Ellipse((s.x, s.y), s.width, s.height, facecolor=s.fill, edgecolor=s.stroke,
                                   linewidth=s.stroke_width * point))
        elif s.kind == "curve":
            vertices, codes = [s.points[0]], [Path.MOVETO]
            for _, c1, c2, end in curve_segments(s.points):
                vertices += [c1, c2, end]
                codes += [Path.CURVE4] * 3
            axes.add_patch(PathPatch(Path(vertices, codes), facecolor="none", edgecolor=s.stroke,
                                     linewidth=s.stroke_width * point))
        elif s.kind == "arrow":
            axes.add_patch(Polygon(s.points, closed=True, facecolor=s.fill, edgecolor="none"))
        elif s.kind == "text":
            text = axes.text(s.x, s.y, s.text, fontsize=s.size * point, family="DejaVu Sans Mono",
                             fontweight="bold" if s.bold else "normal", color=s.color,
                             ha={"start": "left", "middle": "center", "end": "right"}[s.anchor],
                             va="center_baseline")
            if s.size < 11:
                text.set_path_effects([effects.withStroke(linewidth=2.5, foreground="white")])
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()


def _dot_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(nodes, edges):
    """Graphviz DOT text (render it with ``dot -Tsvg`` if you have Graphviz; nothing here needs it)."""
    out = ["digraph autodidact {", "  rankdir=LR;",
           f'  node [fontname="DejaVu Sans Mono", fontsize=11];',
           '  edge [fontname="DejaVu Sans Mono", fontsize=9];']
    for node in nodes:
        fill, stroke = COLORS["highlight"] if node.highlighted else COLORS[node.kind]
        shape = "ellipse" if node.kind == "op" else "box"
        style = '"filled"' if node.kind == "op" else '"rounded,filled"'
        width = ", penwidth=2.4" if node.highlighted else ""
        out.append(f"  {node.key} [label={_dot_string(chr(10).join(node.lines))}, shape={shape}, "
                   f"style={style}, fillcolor=\"{fill}\", color=\"{stroke}\"{width}];")
    for edge in edges:
        attributes = []
        if edge.label:
            attributes.append(f"label={_dot_string(edge.label)}")
        if edge.highlighted:
            attributes.append(f'color="{COLORS["edge_highlight"]}", penwidth=2.4')
        suffix = f" [{', '.join(attributes)}]" if attributes else ""
        out.append(f"  {edge.source} -> {edge.target}{suffix};")
    out.append("}")
    return "\n".join(out)
