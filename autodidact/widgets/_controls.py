"""Accessible controls for the widgets: a named slider with a number box, a live status line, a
picture with a text alternative, and Play/Stop buttons with names.

ipywidgets' own slider (noUiSlider) and Play widget cannot be given an accessible name from Python:
a screen reader hears "slider, 16" for the learning rate and "button" for Play. These are small
anywidget views over native HTML controls instead, so every control has a name and announces its
real value, readouts are announced when they change, pictures have a text alternative, and focus
moves on to a neighbour when a button it is on becomes disabled. Colours come from JupyterLab's
theme variables, so they follow the Light and Dark themes.

Imported on first use only (``import autodidact`` must not pay for anywidget).
"""
import anywidget
import traitlets

_THEME_CSS = """
.ad-control { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; margin: 2px 0;
  color: var(--jp-ui-font-color1, #1f1f1f); font-size: var(--jp-widgets-font-size, 13px); }
.ad-control label { min-width: var(--ad-label-width, 7em); }
.ad-control input[type=range] { width: var(--ad-range-width, 300px);
  accent-color: var(--jp-brand-color1, #1976d2); }
.ad-control input[type=number] { width: 7em; padding: 2px 4px;
  color: var(--jp-widgets-input-color, var(--jp-ui-font-color1, #1f1f1f));
  background: var(--jp-widgets-input-background-color, var(--jp-layout-color1, #ffffff));
  border: 1px solid var(--jp-widgets-input-border-color, var(--jp-border-color1, #767676)); }
.ad-control .ad-control-note { color: var(--jp-ui-font-color1, #1f1f1f); font-style: italic; }
/* A focus ring with 3:1 contrast in both themes, on every control of ours and on the ipywidgets
   buttons of our apps (.ad-app): ipywidgets' own ring is 1px of light blue (2.1:1 on white), and
   ipywidgets removes a drop-down's outline with !important. Doubled classes outrank their rules. */
.ad-control.ad-control :is(input, select, button):focus-visible,
.ad-app.ad-app .jupyter-button:focus-visible {
  outline: 2px solid var(--jp-brand-color1, #1976d2) !important; outline-offset: 1px; }
/* Reflow (WCAG 1.4.10): at 320 CSS px nothing of ours is wider than its output area. Controls
   shrink and wrap (ipywidgets gives a drop-down a fixed 300px); flex items may shrink below their
   content (min-width: 0), and a wide table or graph scrolls in its own focusable box (.ad-scroll). */
.ad-control.ad-control { max-width: 100%; box-sizing: border-box; }
.ad-control.widget-dropdown, .ad-control.widget-slider { width: auto; }
.ad-control input[type=range] { max-width: 100%; }
.ad-app, .ad-app .widget-html, .ad-app .widget-html-content, .ad-app .ad-status { min-width: 0; max-width: 100%; }
.ad-scroll { overflow-x: auto; max-width: 100%; }
.ad-app .widget-hbox { flex-wrap: wrap; }
"""

_SLIDER_ESM = r"""
// A label finds its control by id, so ids must be unique in the whole page. anywidget loads this
// module afresh for each widget, so a counter here would restart at 0: count on the page instead.
function uniqueId(prefix) {
  globalThis.autodidactControls = (globalThis.autodidactControls || 0) + 1;
  return `${prefix}-${globalThis.autodidactControls}`;
}

// Keys pressed in our controls are for them: JupyterLab's notebook must not also act on them
// (it takes arrows to move between cells and digits to change a cell's type).
function keepKeys(el) {
  el.addEventListener("keydown", (event) => {
    if (event.key !== "Tab" && event.key !== "Escape") event.stopPropagation();
  });
}

function show(value, digits) {
  if (!Number.isFinite(value)) return String(value);
  return digits > 0 ? value.toFixed(digits) : String(Number(value.toPrecision(4)));
}

function render({ model, el }) {
  const id = uniqueId("ad-slider");
  el.classList.add("ad-control", "widget-slider");
  keepKeys(el);
  const label = document.createElement("label");
  label.htmlFor = id;
  const range = document.createElement("input");
  range.type = "range";
  range.id = id;
  const box = document.createElement("input");
  box.type = "number";
  box.step = "any";
  const note = document.createElement("span");
  note.className = "ad-control-note";
  note.setAttribute("role", "status");
  note.setAttribute("aria-live", "polite");
  const buttons = model.get("buttons");
  let prev = null, next = null;
  if (buttons.length === 2) {
    [prev, next] = buttons.map((text) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "jupyter-button widget-button";
      button.textContent = text;
      return button;
    });
    el.append(prev, next);
  }
  el.append(label, range, box, note);

  const options = () => model.get("options");
  const index = (value) => {
    // the stop nearest to value (on a log scale: the options are positive rates)
    const stops = options();
    let best = 0;
    stops.forEach((stop, i) => {
      if (Math.abs(Math.log(stop / value)) < Math.abs(Math.log(stops[best] / value))) best = i;
    });
    return best;
  };
  const valueOfRange = () => options().length ? options()[Number(range.value)] : Number(range.value);

  function update() {
    const value = model.get("value"), name = model.get("label"), digits = model.get("digits");
    label.textContent = name;
    el.style.setProperty("--ad-range-width", model.get("width"));
    el.style.setProperty("--ad-label-width", model.get("label_width"));
    if (options().length) {
      range.min = 0; range.max = options().length - 1; range.step = 1;
      range.value = index(value);
    } else {
      range.min = model.get("min"); range.max = model.get("max"); range.step = model.get("step");
      range.value = value;
    }
    box.min = model.get("min"); box.max = model.get("max");
    box.setAttribute("aria-label", `${name}, type a value`);
    const text = show(value, digits);
    range.setAttribute("aria-valuetext", `${name} ${text}`);
    if (document.activeElement !== box) box.value = text;
    note.textContent = model.get("message");
    const disabled = model.get("disabled");
    range.disabled = box.disabled = disabled;
    if (prev) {
      const atStart = disabled || value <= model.get("min");
      const atEnd = disabled || value >= model.get("max");
      // A button that becomes disabled while it has focus would drop focus to the page: hand it on.
      if (atEnd && document.activeElement === next) (atStart ? range : prev).focus();
      if (atStart && document.activeElement === prev) (atEnd ? range : next).focus();
      prev.disabled = atStart;
      next.disabled = atEnd;
    }
  }

  function send(value) {
    model.set("value", value);
    model.save_changes();
  }
  range.addEventListener(model.get("continuous") ? "input" : "change", () => send(valueOfRange()));
  if (!model.get("continuous")) {
    range.addEventListener("input", () => {  // say the value while dragging, send on release
      box.value = show(valueOfRange(), model.get("digits"));
      range.setAttribute("aria-valuetext", `${model.get("label")} ${box.value}`);
    });
  }
  box.addEventListener("change", () => {
    const typed = Number(box.value);
    if (box.value.trim() === "" || !Number.isFinite(typed)) {
      note.textContent = `Type a number for ${model.get("label")}, e.g. ${show(model.get("value"), model.get("digits"))}.`;
      return;
    }
    model.set("message", "");
    send(typed);
  });
  box.addEventListener("keydown", (event) => { if (event.key === "Enter") box.blur(); });
  if (prev) {
    const move = (delta) => {
      const stepSize = model.get("step") || 1;
      const value = Math.min(Math.max(model.get("value") + delta * stepSize, model.get("min")), model.get("max"));
      send(value);
    };
    prev.addEventListener("click", () => move(-1));
    next.addEventListener("click", () => move(+1));
  }
  model.on("change", update);
  update();
  return () => model.off("change", update);
}
export default { render };
"""


class NamedSlider(anywidget.AnyWidget):
    """A slider with a visible label linked to it, a number box for typing a value, and a note.

    The slider announces ``"<label> <value>"`` (e.g. "learning rate 0.05", not its position among
    the stops). With ``options`` (positive numbers, e.g. learning rates on a log scale) the slider
    moves over those stops; the box still takes any number, and the Python side decides what to do
    with it. ``buttons=("Prev", "Next")`` adds two buttons that move one ``step``; they hand focus
    on when they become disabled at either end.
    """

    _esm = _SLIDER_ESM
    _css = _THEME_CSS
    value = traitlets.Float(0.0).tag(sync=True)
    min = traitlets.Float(0.0).tag(sync=True)
    max = traitlets.Float(1.0).tag(sync=True)
    step = traitlets.Float(0.01).tag(sync=True)
    options = traitlets.List(traitlets.Float()).tag(sync=True)
    label = traitlets.Unicode("").tag(sync=True)
    digits = traitlets.Int(3).tag(sync=True)  # decimals shown; 0: four significant digits
    continuous = traitlets.Bool(True).tag(sync=True)  # send while dragging, or on release
    message = traitlets.Unicode("").tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)
    buttons = traitlets.List(traitlets.Unicode()).tag(sync=True)
    width = traitlets.Unicode("300px").tag(sync=True)
    label_width = traitlets.Unicode("7em").tag(sync=True)
    integer = traitlets.Bool(False)  # round to whole numbers (Python side only)

    @traitlets.validate("value")
    def _clamp(self, proposal):
        """Keep the value in [min, max] and say so when a typed value had to be moved."""
        value = float(proposal["value"])
        if value != value:  # nan: keep the current value
            self.message = f"{self.label} must be a number; it stays {self.value:g}."
            return self.value
        clamped = min(max(value, self.min), self.max)
        if self.integer:
            clamped = float(round(clamped))
        if clamped != value:
            self.message = (f"{self.label} goes from {self.min:g} to {self.max:g}"
                            + (" in whole numbers" if self.integer else "")
                            + f": {value:g} became {clamped:g}.")
        else:
            self.message = ""
        return clamped


_CHOICE_ESM = r"""
function uniqueId(prefix) {  // as in the slider's module: unique in the page
  globalThis.autodidactControls = (globalThis.autodidactControls || 0) + 1;
  return `${prefix}-${globalThis.autodidactControls}`;
}

// Keys pressed in our controls are for them: JupyterLab's notebook must not also act on them
// (it takes arrows to move between cells and digits to change a cell's type).
function keepKeys(el) {
  el.addEventListener("keydown", (event) => {
    if (event.key !== "Tab" && event.key !== "Escape") event.stopPropagation();
  });
}

function show(value, digits) {
  if (!Number.isFinite(value)) return String(value);
  return digits > 0 ? value.toFixed(digits) : String(Number(value.toPrecision(4)));
}

function render({ model, el }) {
  const id = uniqueId("ad-choice");
  el.classList.add("ad-control", "widget-dropdown");
  keepKeys(el);
  const label = document.createElement("label");
  label.htmlFor = id;
  const select = document.createElement("select");
  select.id = id;
  el.append(label, select);
  function update() {
    label.textContent = model.get("label");
    const options = model.get("options");
    if ([...select.options].map((o) => o.value).join("\n") !== options.join("\n")) {
      select.replaceChildren(...options.map((option) => new Option(option, option)));
    }
    select.value = model.get("value");
    select.disabled = model.get("disabled");
  }
  select.addEventListener("change", () => { model.set("value", select.value); model.save_changes(); });
  model.on("change", update);
  update();
  return () => model.off("change", update);
}
export default { render };
"""


class NamedChoice(anywidget.AnyWidget):
    """A drop-down list (a native ``<select>``) with its label linked. Unlike ipywidgets' Dropdown
    in JupyterLab, the arrow keys change the choice instead of moving to another cell."""

    _esm = _CHOICE_ESM
    _css = _THEME_CSS + """
.ad-control select { padding: 2px 4px; min-width: 8em;
  color: var(--jp-widgets-input-color, var(--jp-ui-font-color1, #1f1f1f));
  background: var(--jp-widgets-input-background-color, var(--jp-layout-color1, #ffffff));
  border: 1px solid var(--jp-widgets-input-border-color, var(--jp-border-color1, #767676)); }
"""
    value = traitlets.Unicode("").tag(sync=True)
    options = traitlets.List(traitlets.Unicode()).tag(sync=True)
    label = traitlets.Unicode("").tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)
    label_width = traitlets.Unicode("7em").tag(sync=True)

    @traitlets.validate("value")
    def _known(self, proposal):
        if self.options and proposal["value"] not in self.options:
            raise traitlets.TraitError(f"{self.label} must be one of {', '.join(self.options)}; "
                                       f"got {proposal['value']!r}.")
        return proposal["value"]


_STATUS_ESM = r"""
function render({ model, el }) {
  // One element that stays: screen readers announce changes of a live region that already exists.
  const region = document.createElement("div");
  region.className = "widget-html-content ad-status";
  region.setAttribute("role", "status");
  region.setAttribute("aria-live", "polite");
  el.append(region);
  const update = () => { region.innerHTML = model.get("value"); };
  model.on("change:value", update);
  update();
  return () => model.off("change:value", update);
}
export default { render };
"""


class LiveStatus(anywidget.AnyWidget):
    """HTML in a polite live region (``role="status"``): a screen reader reads each new value."""

    _esm = _STATUS_ESM
    _css = ".ad-status { color: var(--jp-ui-font-color1, #1f1f1f); line-height: 1.5; }"
    value = traitlets.Unicode("").tag(sync=True)


_PICTURE_ESM = r"""
function render({ model, el }) {
  const img = document.createElement("img");
  img.className = "ad-picture";
  el.append(img);
  let url = null;
  function update() {
    const data = model.get("value");
    if (url) URL.revokeObjectURL(url);
    url = data && data.byteLength ? URL.createObjectURL(new Blob([data], { type: "image/png" })) : null;
    if (url) img.src = url; else img.removeAttribute("src");
    img.alt = model.get("alt");
  }
  model.on("change", update);
  update();
  return () => { model.off("change", update); if (url) URL.revokeObjectURL(url); };
}
export default { render };
"""


class Picture(anywidget.AnyWidget):
    """A PNG with a text alternative that says what it shows (kept up to date with the picture)."""

    _esm = _PICTURE_ESM
    _css = ".ad-picture { max-width: 100%; height: auto; display: block; }"
    value = traitlets.Bytes(b"").tag(sync=True)
    alt = traitlets.Unicode("").tag(sync=True)


_PLAYER_ESM = r"""
// Keys pressed in our controls are for them: JupyterLab's notebook must not also act on them
// (it takes arrows to move between cells and digits to change a cell's type).
function keepKeys(el) {
  el.addEventListener("keydown", (event) => {
    if (event.key !== "Tab" && event.key !== "Escape") event.stopPropagation();
  });
}

function render({ model, el }) {
  el.classList.add("ad-control", "widget-play");
  el.style.flexWrap = "nowrap";
  keepKeys(el);
  const play = document.createElement("button");
  const stop = document.createElement("button");
  for (const button of [play, stop]) {
    button.type = "button";
    button.className = "jupyter-button widget-button";
  }
  stop.textContent = "Stop";
  stop.title = "Stop and rewind the counter";
  el.append(play, stop);
  let timer = null;
  function tick() {
    const value = model.get("value") + model.get("step");
    if (value > model.get("max")) { model.set("playing", false); model.save_changes(); return; }
    model.set("value", value);
    model.save_changes();
  }
  function update() {
    const playing = model.get("playing");
    play.textContent = playing ? "Pause" : "Play";
    play.setAttribute("aria-pressed", playing ? "true" : "false");
    play.title = playing ? "Pause training" : "Train continuously until Pause";
    if (playing && timer === null) timer = setInterval(tick, model.get("interval"));
    if (!playing && timer !== null) { clearInterval(timer); timer = null; }
  }
  play.addEventListener("click", () => { model.set("playing", !model.get("playing")); model.save_changes(); });
  stop.addEventListener("click", () => {
    model.set("playing", false);
    model.set("value", model.get("min"));
    model.save_changes();
  });
  model.on("change:playing", update);
  update();
  return () => { model.off("change:playing", update); if (timer !== null) clearInterval(timer); };
}
export default { render };
"""


class Player(anywidget.AnyWidget):
    """Play/Pause and Stop, as named text buttons. While playing, ``value`` grows by ``step`` every
    ``interval`` ms (observe it to do one frame of work); Stop pauses and rewinds it to ``min``."""

    _esm = _PLAYER_ESM
    # ipywidgets gives .widget-play the width of one button, which put Stop on a row of its own.
    _css = _THEME_CSS + ".ad-control.widget-play { width: auto; flex-wrap: nowrap; }\n"
    value = traitlets.Int(0).tag(sync=True)
    min = traitlets.Int(0).tag(sync=True)
    max = traitlets.Int(10**9).tag(sync=True)
    step = traitlets.Int(1).tag(sync=True)
    interval = traitlets.Int(120).tag(sync=True)
    playing = traitlets.Bool(False).tag(sync=True)
