"""What an uploaded .docx layout may say: the documented fields and a few plain constructs, no code.

A layout is the office's Word file with `{{ … }}` fields and `{% … %}` lines (docxtpl). It is
data from a user, so it is rendered in Jinja's immutable sandbox and, before that, its syntax
tree is checked against the documented fields: no function calls, no attribute walks beyond the
fields of a body block or chart, no arithmetic that multiplies text, no nested loops, no `set`,
macros or includes. Whatever it prints is then bounded by the size of the document itself.

Two guards hold at every render, not only at upload: the same tree check (a layout stored
before this rule existed is refused when used), and a budget of output characters and seconds
checked as the text is produced.

>>> check_source("{{ title }} ngày {{ date.day }}")
>>> check_source("{{ title.__class__ }}")
Traceback (most recent call last):
...
chiso.reports.layout_fields.LayoutRejected: trường không tồn tại: «title.__class__»
"""

from __future__ import annotations

import time

import jinja2
from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

# The fields a layout receives (see documents._fill) and what a loop over each list yields.
TEXT_FIELDS = frozenset(
    {
        "parent_body",
        "issuer",
        "number",
        "place",
        "date",
        "doc_type",
        "title",
        "signer_authority",
        "signer_title",
        "signer_name",
        "date_line",
        "closing",
        "bang_bieu",
        "phu_luc",
    }
)
LIST_FIELDS = {
    "intro": frozenset(),
    "recipients": frozenset(),
    "signer_lines": frozenset(),
    "body": frozenset({"text", "level"}),
    "charts": frozenset({"image", "caption"}),
}
DATE_PARTS = frozenset({"day", "month", "year"})
LOOP_PARTS = frozenset({"index", "index0", "first", "last", "length", "revindex", "revindex0"})
FILTERS = frozenset(
    {
        "upper",
        "lower",
        "title",
        "capitalize",
        "trim",
        "default",
        "d",
        "length",
        "first",
        "last",
        "join",
        "e",
        "escape",
        "string",
        "int",
    }
)
TESTS = frozenset({"defined", "undefined", "none", "number", "string", "eq", "ne", "odd", "even"})

# Plain expression nodes that cannot grow the output or reach Python objects by themselves.
PLAIN = (
    nodes.Template,
    nodes.Output,
    nodes.TemplateData,
    nodes.If,
    nodes.Compare,
    nodes.Operand,
    nodes.And,
    nodes.Or,
    nodes.Not,
    nodes.Neg,
    nodes.Pos,
    nodes.CondExpr,
    nodes.Concat,
    nodes.Add,
    nodes.Sub,
    nodes.Keyword,
)

MAX_OUTPUT_CHARS = 5_000_000  # a 40-page report with its appendices is well under 1 M characters
MAX_SECONDS = 5.0
MAX_CONSTANT_CHARS = 2_000


class LayoutRejected(Exception):
    """The layout uses something that is not a documented field; the message is Vietnamese."""


def check_source(source: str) -> None:
    """Raise LayoutRejected unless every construct in `source` is allowed."""
    try:
        tree = _PARSER.parse(source)
    except jinja2.TemplateSyntaxError as error:
        raise LayoutRejected(f"lệnh trong mẫu viết sai cú pháp ({error.message})") from None
    check_tree(tree)


def check_tree(tree: nodes.Template) -> None:
    _check(tree, names=frozenset(), items={}, loops=0)


def _check(node: nodes.Node, names: frozenset[str], items: dict[str, frozenset[str]], loops: int) -> None:
    if isinstance(node, nodes.For):
        _check_loop(node, names, items, loops)
        return
    if isinstance(node, nodes.Name):
        if node.ctx != "load" or not (node.name in TEXT_FIELDS or node.name in LIST_FIELDS or node.name in names):
            raise LayoutRejected(f"trường không tồn tại: «{node.name}»")
        return
    if isinstance(node, nodes.Getattr):
        _check_attribute(node, items)
        return
    if isinstance(node, nodes.Filter):
        if node.name not in FILTERS:
            raise LayoutRejected(f"mẫu dùng bộ lọc «{node.name}», không nằm trong các bộ lọc được phép")
    elif isinstance(node, nodes.Test):
        if node.name not in TESTS:
            raise LayoutRejected(f"mẫu dùng phép thử «{node.name}», không nằm trong các phép thử được phép")
    elif isinstance(node, nodes.Const):
        if isinstance(node.value, str) and len(node.value) > MAX_CONSTANT_CHARS:
            raise LayoutRejected("mẫu có một chuỗi chữ quá dài trong lệnh")
        if not isinstance(node.value, (str, int, float, bool, type(None))):
            raise LayoutRejected("mẫu có một giá trị không được phép trong lệnh")
        return
    elif not isinstance(node, PLAIN):
        raise LayoutRejected(f"mẫu dùng lệnh «{_construct(node)}», không được phép trong mẫu văn bản")
    for child in node.iter_child_nodes():
        _check(child, names, items, loops)


def _check_loop(node: nodes.For, names: frozenset[str], items: dict[str, frozenset[str]], loops: int) -> None:
    if loops:
        raise LayoutRejected("mẫu có vòng lặp lồng trong vòng lặp, không được phép")
    if node.recursive or node.test is not None:
        raise LayoutRejected("vòng lặp trong mẫu chỉ được có dạng «for x in danh_sách»")
    if not (isinstance(node.iter, nodes.Name) and node.iter.name in LIST_FIELDS):
        raise LayoutRejected(
            f"vòng lặp trong mẫu chỉ được đi qua một danh sách của văn bản ({', '.join(sorted(LIST_FIELDS))})"
        )
    if not isinstance(node.target, nodes.Name):
        raise LayoutRejected("vòng lặp trong mẫu chỉ được đặt một tên cho mỗi phần tử")
    inner = names | {node.target.name, "loop"}
    inner_items = {**items, node.target.name: LIST_FIELDS[node.iter.name], "loop": LOOP_PARTS}
    for child in node.body:
        _check(child, inner, inner_items, loops + 1)
    for child in node.else_:
        _check(child, names, items, loops)


def _check_attribute(node: nodes.Getattr, items: dict[str, frozenset[str]]) -> None:
    base = node.node
    allowed = (
        items.get(base.name, frozenset())
        if isinstance(base, nodes.Name) and base.name in items
        else DATE_PARTS
        if isinstance(base, nodes.Name) and base.name == "date"
        else frozenset()
    )
    if node.attr not in allowed:
        shown = f"{base.name}.{node.attr}" if isinstance(base, nodes.Name) else node.attr
        raise LayoutRejected(f"trường không tồn tại: «{shown}»")


def _construct(node: nodes.Node) -> str:
    return {
        "Call": "gọi hàm",
        "Assign": "set",
        "AssignBlock": "set",
        "Macro": "macro",
        "CallBlock": "call",
        "Include": "include",
        "Import": "import",
        "FromImport": "import",
        "Extends": "extends",
        "Block": "block",
        "Getitem": "[…]",
        "Slice": "[…:…]",
        "Mul": "*",
        "Pow": "**",
        "Div": "/",
        "FloorDiv": "//",
        "Mod": "%",
        "List": "[…]",
        "Dict": "{…}",
        "Tuple": "(…)",
        "FilterBlock": "filter",
        "With": "with",
    }.get(type(node).__name__, type(node).__name__)


class _BudgetedTemplate(jinja2.Template):
    """Renders chunk by chunk, stopping when the output or the time runs over budget."""

    def render(self, *args, **kwargs) -> str:
        ctx = self.new_context(dict(*args, **kwargs))
        deadline = time.monotonic() + MAX_SECONDS
        out: list[str] = []
        size = 0
        try:
            for chunk in self.root_render_func(ctx):
                size += len(chunk)
                if size > MAX_OUTPUT_CHARS:
                    raise LayoutRejected("mẫu sinh ra văn bản quá lớn")
                if time.monotonic() > deadline:
                    raise LayoutRejected("mẫu dựng văn bản quá lâu")
                out.append(chunk)
        except LayoutRejected:
            raise
        except Exception:  # noqa: BLE001 - jinja2's own handler re-raises it with the template's line
            self.environment.handle_exception()
        return self.environment.concat(out)  # type: ignore[attr-defined]


class LayoutEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox every layout renders in: checked tree, no globals, listed filters only."""

    template_class = _BudgetedTemplate

    def __init__(self) -> None:
        # A misspelt field in an edited layout must fail loudly, not print nothing.
        super().__init__(undefined=jinja2.StrictUndefined, autoescape=True)
        self.globals.clear()
        self.filters = {name: f for name, f in self.filters.items() if name in FILTERS}
        self.tests = {name: t for name, t in self.tests.items() if name in TESTS}

    def from_string(self, source, globals=None, template_class=None):  # Jinja's own signature, builtin name and all
        tree = self.parse(source) if isinstance(source, str) else source
        check_tree(tree)
        return super().from_string(tree, globals, template_class)


_PARSER = LayoutEnvironment()
