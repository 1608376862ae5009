"""Static policy for untrusted Manim code: refuse the obvious escapes, with good errors.

Scene code comes from a language model or a stranger. Before any render we walk its
AST and refuse what a scene has no business doing (importing ``os``, calling ``eval``,
walking ``__subclasses__`` or frames, redirecting Manim's output paths...), reporting
every problem with its line number so a person or the model can fix it.

This is a courtesy, not the security boundary: the render child runs in an OS sandbox
(see ``render/syscalls.py``) and a determined attacker is expected to get past an AST
check. So the rules aim at clear messages for obvious escapes, and must never refuse a
legitimate scene: a false positive here is a bug.
"""

from __future__ import annotations

import ast
import re
import string
from dataclasses import dataclass

__all__ = ["ALLOWED_IMPORTS", "PolicyViolation", "check_policy"]


@dataclass(frozen=True)
class PolicyViolation:
    line: int
    column: int
    rule: str  # "import", "builtin", "dunder", "attribute", "name", "config", "latex" or "syntax"
    message: str  # one sentence that starts with "Line N: "

    def __str__(self) -> str:
        return self.message


# Top-level packages a scene may import (``manim.mobject.geometry`` counts as ``manim``).
# Beyond the standard maths/data helpers this holds what real scenes import:
#   networkx - layouts for manim's Graph/DiGraph (a manim dependency, always installed);
#   scipy    - special functions, integrate/odeint for phase portraits, interpolation,
#              spatial (Delaunay/ConvexHull) (also a manim dependency);
#   colorsys, heapq, bisect, textwrap, numbers, contextlib - harmless stdlib helpers
#              seen in scenes (colour wheels, Dijkstra walkthroughs, wrapped captions).
# Not allowed: manim_voiceover/manim_slides/plugins (network, files, subprocesses), PIL
# (opens files; ImageMobject takes numpy arrays), os/sys/pathlib/io/inspect/types and the
# other stdlib modules that reach the file system, processes, the network or frames.
ALLOWED_IMPORTS: frozenset[str] = frozenset(
    {
        "manim",
        "numpy",
        "scipy",
        "networkx",
        "math",
        "cmath",
        "random",
        "itertools",
        "functools",
        "operator",
        "collections",
        "colour",
        "colorsys",
        "typing",
        "typing_extensions",
        "dataclasses",
        "enum",
        "abc",
        "fractions",
        "decimal",
        "statistics",
        "string",
        "copy",
        "re",
        "heapq",
        "bisect",
        "textwrap",
        "numbers",
        "contextlib",
        "__future__",
    }
)

# Submodules of allowed packages that are tooling, not scene material: they run
# commands, open files in viewers, load modules from paths or compile C.
DENIED_SUBMODULES: frozenset[str] = frozenset(
    {
        "manim.__main__",
        "manim.cli",
        "manim.utils.commands",
        "manim.utils.file_ops",
        "manim.utils.module_ops",
        "manim.utils.ipython_magic",
        "manim.utils.docbuild",
        "manim.utils.testing",
        "manim.plugins",
        "numpy.ctypeslib",
        "numpy.f2py",
        "numpy.distutils",
        "numpy.testing",
        "scipy.io",
        "scipy.datasets",
    }
)

# Builtins that are refused whenever they are referenced (called or passed around).
STRICT_BUILTINS: frozenset[str] = frozenset(
    {"open", "exec", "eval", "compile", "__import__", "globals", "locals", "breakpoint"}
)
# Builtins refused unless the scene binds the name itself (``input = MathTex("x")`` or
# ``vars = [x, y]`` are plausible in scenes; then the name is the scene's own variable).
SOFT_BUILTINS: frozenset[str] = frozenset({"vars", "input", "help", "exit", "quit", "memoryview"})
# getattr/setattr/delattr are fine with a plain, public string literal as the name.
ATTR_BUILTINS: frozenset[str] = frozenset({"getattr", "setattr", "delattr"})

# Names refused as bare names in any context.
#
# What ``from manim import *`` exports in 0.22.0 (checked against the installed package):
# of os, sys, subprocess, Path, shutil, config, tempconfig, logger, console, open_file,
# open_media_file it exports only config, console, logger, open_file and tempconfig
# (plus module objects such as np, utils, core, typing). Decisions:
#   open_file       - refused: opens a file in the OS viewer (subprocess/startfile);
#   config          - allowed: reading it is common; writes are checked (see CONFIG_*);
#   tempconfig      - allowed with a dict literal whose keys are checked like config writes;
#   logger, console - allowed: they only print;
#   np, utils, ...  - allowed; reaching os/sys/file helpers through them is refused by
#                     the attribute rule (``utils.file_ops.os`` -> "os").
# open_media_file, os, sys, subprocess, shutil, Path are not exported; the module names
# are still refused below, ``Path`` is not (a scene may name its own helper ``Path``).
# Modules and helpers that reach the OS; refused as bare names and as attributes.
_OS_REACHING = frozenset(
    {"os", "sys", "subprocess", "builtins", "importlib", "ctypes", "socket", "pickle", "shutil",
     "pathlib", "open_file", "open_media_file"}
)

FORBIDDEN_NAMES: frozenset[str] = _OS_REACHING | {"__builtins__", "__loader__", "__spec__", "__file__",
                                                  "__cached__"}

# Dunder attributes that real scenes use (super().__init__(**kwargs), type(self).__name__,
# dataclass __post_init__, operator overloading in helper classes, object.__setattr__ in
# frozen dataclasses). Everything else (__globals__, __bases__, __subclasses__, __mro__,
# __dict__, __code__, __builtins__, __getattribute__, __reduce__...) is refused.
ALLOWED_DUNDERS: frozenset[str] = frozenset(
    {
        "__init__",
        "__post_init__",
        "__new__",
        "__init_subclass__",
        "__name__",
        "__qualname__",
        "__module__",
        "__doc__",
        "__class__",
        "__call__",
        "__len__",
        "__iter__",
        "__next__",
        "__getitem__",
        "__contains__",
        "__repr__",
        "__str__",
        "__format__",
        "__eq__",
        "__ne__",
        "__lt__",
        "__le__",
        "__gt__",
        "__ge__",
        "__hash__",
        "__bool__",
        "__add__",
        "__radd__",
        "__sub__",
        "__rsub__",
        "__mul__",
        "__rmul__",
        "__truediv__",
        "__rtruediv__",
        "__matmul__",
        "__neg__",
        "__pos__",
        "__abs__",
        "__pow__",
        "__enter__",
        "__exit__",
        "__setattr__",
    }
)

# Frame, code and traceback attributes: the way from any function to real globals.
FRAME_ATTRIBUTES: frozenset[str] = frozenset(
    {
        "f_globals",
        "f_locals",
        "f_back",
        "f_builtins",
        "f_code",
        "f_trace",
        "gi_frame",
        "gi_code",
        "ag_frame",
        "ag_code",
        "cr_frame",
        "cr_code",
        "co_code",
        "tb_frame",
        "tb_next",
        "func_globals",
        "func_code",
    }
)

# Attribute names that lead to the OS through an allowed module
# (``manim.utils.file_ops.os``, ``manim.utils.file_ops.open_file``).
FORBIDDEN_ATTRIBUTES: frozenset[str] = _OS_REACHING | {"file_ops", "module_ops"}

# numpy's file I/O: scenes must embed their data (the sandbox has no files to read anyway).
NUMPY_FILE_IO: frozenset[str] = frozenset(
    {
        "load",
        "save",
        "savez",
        "savez_compressed",
        "loadtxt",
        "savetxt",
        "genfromtxt",
        "fromfile",
        "fromregex",
        "memmap",
        "DataSource",
        "ctypeslib",
        "f2py",
    }
)

# TeX primitives that read or write files or run commands; Tex/MathTex strings reach a
# real LaTeX run, so ``Tex(r"\input{/etc/passwd}")`` would print a file into the video.
_LATEX_FILE_ACCESS = re.compile(r"\\(write18|immediate|openin|openout|input|include|read)(?![A-Za-z@])")

# Manim config keys a scene may not set.
# Paths: Eigenframe decides where the render reads and writes.
CONFIG_PATH_KEYS: frozenset[str] = frozenset(
    {
        "media_dir",
        "video_dir",
        "images_dir",
        "tex_dir",
        "text_dir",
        "partial_movie_dir",
        "sections_dir",
        "assets_dir",
        "log_dir",
        "output_file",
        "input_file",
        "custom_folders",
        "tex_template_file",
        "upto_animation_number",
        "from_animation_number",
        "scene_names",
        "plugins",
    }
)
# Render settings: quality/format come from the request options (and the plan's limits);
# a scene that set ``config.pixel_height = 2160`` would render 4K on a 480p job, and the
# viewer/preview settings run programs. Visual settings (background_color,
# background_opacity, frame_width/frame_height/frame_x_radius/frame_y_radius,
# tex_template, seed) stay allowed; so does every read of config.
CONFIG_RENDER_KEYS: frozenset[str] = frozenset(
    {
        "quality",
        "pixel_width",
        "pixel_height",
        "frame_rate",
        "format",
        "renderer",
        "write_to_movie",
        "save_last_frame",
        "save_as_gif",
        "save_pngs",
        "save_sections",
        "write_all",
        "transparent",
        "movie_file_extension",
        "video_codec",
        "pixel_format",
        "video_encoder_options",
        "encoder_queue_size",
        "max_inflight_encoders",
        "max_files_cached",
        "disable_caching",
        "flush_cache",
        "dry_run",
        "preview",
        "preview_command",
        "live_preview",
        "show_in_file_browser",
        "enable_gui",
        "gui_location",
        "fullscreen",
        "window_position",
        "window_size",
        "window_monitor",
        "media_embed",
        "media_width",
        "log_to_file",
        "zero_pad",
        "no_latex_cleanup",
        "progress_bar",
        "verbosity",
        "media_loglevel",
    }
)
# ManimConfig methods that read files or take a whole configuration.
CONFIG_METHODS: frozenset[str] = frozenset({"digest_file", "digest_args", "digest_parser"})


def _allowed_imports_text() -> str:
    names = sorted(ALLOWED_IMPORTS - {"__future__"}, key=lambda n: (n not in ("manim", "numpy"), n))
    return ", ".join(names)


def _is_dunder(name: str) -> bool:
    return len(name) > 4 and name.startswith("__") and name.endswith("__")


def _bound_names(tree: ast.AST) -> set[str]:
    """Every name the program binds somewhere (any scope)."""
    bound: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            bound.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, ast.alias):
            if node.name != "*":
                bound.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
        elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
            bound.add(node.name)
        elif isinstance(node, ast.MatchMapping) and node.rest:
            bound.add(node.rest)
    return bound


class _Checker(ast.NodeVisitor):
    def __init__(self, tree: ast.Module) -> None:
        self.violations: list[PolicyViolation] = []
        self.user_bound = _bound_names(tree)
        # Names that refer to manim's config / the manim and numpy packages.
        # ``config`` and ``np`` come from ``from manim import *``.
        self.config_names: set[str] = {"config"}
        self.manim_names: set[str] = set()
        self.numpy_names: set[str] = {"np", "numpy"}
        self._collect_aliases(tree)
        # Inside ``if __name__ == "__main__":`` config writes are dead code here (the render
        # runner executes the scene under another __name__), and tutorials often end with
        # ``with tempconfig({"quality": ...}): MyScene().render()``: don't refuse those.
        self._in_main_guard = False

    # -- helpers -------------------------------------------------------------------

    def _add(self, node: ast.AST, rule: str, text: str) -> None:
        if rule == "config" and self._in_main_guard:
            return
        line = getattr(node, "lineno", 1) or 1
        column = getattr(node, "col_offset", 0) or 0
        self.violations.append(PolicyViolation(line, column, rule, f"Line {line}: {text}"))

    def _collect_aliases(self, tree: ast.Module) -> None:
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    top = alias.name.split(".")[0]
                    if alias.asname:
                        if alias.name == "manim":
                            self.manim_names.add(alias.asname)
                        elif alias.name == "numpy":
                            self.numpy_names.add(alias.asname)
                    elif top == "manim":
                        self.manim_names.add("manim")
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "manim":
                for alias in node.names:
                    if alias.name == "config":
                        self.config_names.add(alias.asname or alias.name)
        # Simple aliases: ``cfg = config`` / ``cfg = manim.config`` (to a fixed point).
        changed = True
        while changed:
            changed = False
            for node in ast.walk(tree):
                value = getattr(node, "value", None)
                if isinstance(node, (ast.Assign, ast.AnnAssign, ast.NamedExpr)) and self._is_config(value):
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    for target in targets:
                        if isinstance(target, ast.Name) and target.id not in self.config_names:
                            self.config_names.add(target.id)
                            changed = True

    def _is_config(self, node: ast.AST | None) -> bool:
        if isinstance(node, ast.Name):
            return node.id in self.config_names
        if isinstance(node, ast.Attribute) and node.attr == "config":
            return isinstance(node.value, ast.Name) and node.value.id in self.manim_names
        return False

    def _config_key(self, node: ast.AST, key: str) -> None:
        if key in CONFIG_PATH_KEYS:
            self._add(
                node,
                "config",
                f"setting config '{key}' is not allowed; output paths and files are managed by Eigenframe.",
            )
        elif key in CONFIG_RENDER_KEYS:
            self._add(
                node,
                "config",
                f"setting config '{key}' is not allowed; quality, format and output settings "
                "are chosen by the Eigenframe render options.",
            )
        elif key.startswith("_"):
            self._add(node, "config", f"touching config '{key}' is not allowed; only public settings may be used.")

    def _config_target(self, target: ast.AST) -> None:
        """An assignment/deletion target: refuse writes to protected config keys."""
        if isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                self._config_target(element)
        elif isinstance(target, ast.Starred):
            self._config_target(target.value)
        elif isinstance(target, ast.Attribute) and self._is_config(target.value):
            self._config_key(target, target.attr)
        elif isinstance(target, ast.Subscript) and self._is_config(target.value):
            key = target.slice
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                self._config_key(target, key.value)
            else:
                self._add(
                    target,
                    "config",
                    "setting config with a computed key is not allowed; use a string literal such as "
                    "config[\"background_color\"].",
                )

    def _config_mapping(self, call: ast.Call, what: str) -> None:
        """config.update(...) / tempconfig(...): keys must be visible and allowed."""
        for keyword in call.keywords:
            if keyword.arg is None:
                self._add(call, "config", f"{what} with ** arguments is not allowed; pass a dict literal.")
            else:
                self._config_key(call, keyword.arg)
        for arg in call.args:
            if isinstance(arg, ast.Dict):
                for key in arg.keys:
                    if isinstance(key, ast.Constant) and isinstance(key.value, str):
                        self._config_key(key, key.value)
                    else:
                        self._add(
                            key if key is not None else arg,
                            "config",
                            f"{what} needs string-literal keys so the settings can be checked.",
                        )
            elif isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name) and arg.func.id == "dict" and not arg.args:
                self._config_mapping(arg, what)
            else:
                self._add(
                    arg,
                    "config",
                    f"{what} must be given a dict literal so the settings can be checked.",
                )

    def _attribute_name(self, node: ast.AST, name: str, via: str) -> None:
        """Checks shared by ``x.name`` and ``getattr(x, "name")``."""
        if _is_dunder(name):
            if name not in ALLOWED_DUNDERS:
                self._add(node, "dunder", f"{via} '{name}' is not allowed in scenes.")
        elif name in FRAME_ATTRIBUTES:
            self._add(node, "attribute", f"{via} the frame/code attribute '{name}' is not allowed.")
        elif name in FORBIDDEN_ATTRIBUTES:
            self._add(node, "attribute", f"{via} '{name}' is not allowed; scenes cannot reach the operating system.")

    def _is_main_guard(self, node: ast.If) -> bool:
        test = node.test
        return (
            "__name__" not in self.user_bound
            and isinstance(test, ast.Compare)
            and len(test.ops) == 1
            and isinstance(test.ops[0], ast.Eq)
            and isinstance(test.left, ast.Name)
            and test.left.id == "__name__"
            and isinstance(test.comparators[0], ast.Constant)
            and test.comparators[0].value == "__main__"
        )

    def visit_Module(self, node: ast.Module) -> None:
        for statement in node.body:
            if isinstance(statement, ast.If) and self._is_main_guard(statement):
                self.visit(statement.test)
                self._in_main_guard = True
                try:
                    for child in statement.body:
                        self.visit(child)
                finally:
                    self._in_main_guard = False
                for child in statement.orelse:
                    self.visit(child)
            else:
                self.visit(statement)

    # -- imports -------------------------------------------------------------------

    def _check_module(self, node: ast.AST, module: str) -> bool:
        top = module.split(".")[0]
        if top not in ALLOWED_IMPORTS:
            self._add(
                node,
                "import",
                f"importing '{module}' is not allowed; scenes may import only {_allowed_imports_text()}.",
            )
            return False
        for denied in DENIED_SUBMODULES:
            if module == denied or module.startswith(denied + "."):
                self._add(node, "import", f"importing '{module}' is not allowed; it is tooling, not scene material.")
                return False
        return True

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._check_module(node, alias.name)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            shown = "." * node.level + (node.module or "")
            self._add(node, "import", f"the relative import 'from {shown} import ...' is not allowed; a scene is a single file.")
            return
        module = node.module or ""
        if not self._check_module(node, module):
            return
        top = module.split(".")[0]
        for alias in node.names:
            if alias.name == "*":
                continue
            full = f"{module}.{alias.name}"
            if any(full == d or full.startswith(d + ".") for d in DENIED_SUBMODULES):
                self._add(node, "import", f"importing '{full}' is not allowed; it is tooling, not scene material.")
            elif alias.name in FORBIDDEN_NAMES or alias.name in FORBIDDEN_ATTRIBUTES:
                self._add(node, "import", f"importing '{alias.name}' from '{module}' is not allowed.")
            elif _is_dunder(alias.name) and alias.name not in ALLOWED_DUNDERS:
                self._add(node, "dunder", f"importing '{alias.name}' from '{module}' is not allowed.")
            elif top == "numpy" and alias.name in NUMPY_FILE_IO:
                self._add(
                    node,
                    "import",
                    f"importing numpy's '{alias.name}' is not allowed; scenes cannot read or write files, embed the data.",
                )

    # -- names and attributes ------------------------------------------------------

    def visit_Name(self, node: ast.Name) -> None:
        name = node.id
        if name in FORBIDDEN_NAMES:
            self._add(node, "name", f"using the name '{name}' is not allowed in scenes.")
        elif isinstance(node.ctx, ast.Store):
            return  # binding a builtin's name (``input = MathTex("x")``) is not a reference to it
        elif name in STRICT_BUILTINS:
            self._add(node, "builtin", f"using the builtin '{name}' is not allowed in scenes.")
        elif name in SOFT_BUILTINS and name not in self.user_bound:
            self._add(node, "builtin", f"using the builtin '{name}' is not allowed in scenes.")
        elif name in ATTR_BUILTINS and name not in self.user_bound and not getattr(node, "_policy_checked_call", False):
            self._add(
                node,
                "builtin",
                f"using '{name}' other than as a direct call with a literal attribute name is not allowed.",
            )

    def visit_Attribute(self, node: ast.Attribute) -> None:
        self._attribute_name(node, node.attr, "accessing")
        if isinstance(node.value, ast.Name) and node.value.id in self.numpy_names and node.attr in NUMPY_FILE_IO:
            self._add(
                node,
                "attribute",
                f"'{node.value.id}.{node.attr}' is not allowed; scenes cannot read or write files, embed the data.",
            )
        if self._is_config(node.value) and node.attr in CONFIG_METHODS:
            self._add(node, "config", f"'config.{node.attr}' is not allowed; Eigenframe manages the configuration.")
        elif self._is_config(node.value) and node.attr.startswith("_"):
            self._add(node, "config", f"touching config '{node.attr}' is not allowed; only public settings may be used.")
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Name) and func.id in ATTR_BUILTINS and func.id not in self.user_bound:
            func._policy_checked_call = True  # type: ignore[attr-defined]
            self._attr_builtin_call(node, func.id)
        if isinstance(func, ast.Attribute) and func.attr == "update" and self._is_config(func.value):
            self._config_mapping(node, "config.update")
        elif (isinstance(func, ast.Name) and func.id == "tempconfig" and "tempconfig" not in self.user_bound) or (
            isinstance(func, ast.Attribute)
            and func.attr == "tempconfig"
            and isinstance(func.value, ast.Name)
            and func.value.id in self.manim_names
        ):
            self._config_mapping(node, "tempconfig")
        # operator.attrgetter / methodcaller are getattr in disguise.
        getter = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
        if getter in ("attrgetter", "methodcaller"):  # usually imported, so no user-bound exemption
            self._getter_call(node, getter)
        # "{0.__globals__}".format(f): attribute access hidden in a format string.
        if (
            isinstance(func, ast.Attribute)
            and func.attr in ("format", "format_map")
            and isinstance(func.value, ast.Constant)
            and isinstance(func.value.value, str)
        ):
            self._format_string(func.value, func.value.value)
        self.generic_visit(node)

    def _attr_builtin_call(self, node: ast.Call, name: str) -> None:
        args = node.args
        if len(args) < 2 or any(isinstance(a, ast.Starred) for a in args[:2]) or node.keywords:
            self._add(node, "builtin", f"'{name}' must be called as {name}(obj, \"name\", ...) with a literal name.")
            return
        key = args[1]
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
            self._add(
                node,
                "builtin",
                f"'{name}' with a computed attribute name is not allowed; use a plain string literal.",
            )
            return
        attr = key.value
        if attr.startswith("_"):
            self._add(node, "builtin", f"'{name}' of the private attribute '{attr}' is not allowed.")
            return
        self._attribute_name(node, attr, f"{name} of")
        if name in ("setattr", "delattr") and self._is_config(args[0]):
            self._config_key(node, attr)

    def _getter_call(self, node: ast.Call, name: str) -> None:
        names = node.args if name == "attrgetter" else node.args[:1]
        if not names or any(not (isinstance(a, ast.Constant) and isinstance(a.value, str)) for a in names):
            self._add(node, "builtin", f"'{name}' with a computed attribute name is not allowed; use a plain string literal.")
            return
        for arg in names:
            for part in arg.value.split("."):
                if part.startswith("_") and not _is_dunder(part):
                    self._add(node, "builtin", f"'{name}' of the private attribute '{part}' is not allowed.")
                else:
                    self._attribute_name(node, part, f"{name} of")

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and "\\" in node.value:
            match = _LATEX_FILE_ACCESS.search(node.value)
            if match:
                self._add(
                    node,
                    "latex",
                    f"the TeX command '\\{match.group(1)}' is not allowed; it reads or writes files or runs programs.",
                )

    def _format_string(self, node: ast.AST, text: str) -> None:
        try:
            fields = [field for _, field, _, _ in string.Formatter().parse(text) if field]
        except ValueError:
            return
        for field in fields:
            for part in field.replace("[", ".").replace("]", ".").split("."):
                if _is_dunder(part) and part not in ALLOWED_DUNDERS:
                    self._add(node, "dunder", f"the format field '{{{field}}}' reaches '{part}', which is not allowed.")
                elif part in FRAME_ATTRIBUTES:
                    self._add(node, "attribute", f"the format field '{{{field}}}' reaches '{part}', which is not allowed.")

    # -- config writes -------------------------------------------------------------

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            self._config_target(target)
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self._config_target(node.target)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._config_target(node.target)
        self.generic_visit(node)

    def visit_Delete(self, node: ast.Delete) -> None:
        for target in node.targets:
            self._config_target(target)
        self.generic_visit(node)

    def visit_For(self, node: ast.For) -> None:
        self._config_target(node.target)
        self.generic_visit(node)

    visit_AsyncFor = visit_For

    def visit_withitem(self, node: ast.withitem) -> None:
        if node.optional_vars is not None:
            self._config_target(node.optional_vars)
        self.generic_visit(node)


def check_policy(code: str) -> list[PolicyViolation]:
    """Every policy violation in ``code``, sorted by line; ``[]`` when it may be rendered."""
    try:
        tree = ast.parse(code)
    except SyntaxError as exc:
        line = exc.lineno or 1
        column = max((exc.offset or 1) - 1, 0)
        return [PolicyViolation(line, column, "syntax", f"Line {line}: SyntaxError: {exc.msg}.")]
    except ValueError as exc:  # e.g. source containing NUL bytes
        return [PolicyViolation(1, 0, "syntax", f"Line 1: SyntaxError: {exc}.")]
    checker = _Checker(tree)
    checker.visit(tree)
    unique = {(v.line, v.column, v.rule, v.message): v for v in checker.violations}
    return [unique[key] for key in sorted(unique)]
