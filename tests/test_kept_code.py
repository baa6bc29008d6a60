"""What a warm kernel keeps from one notebook to the next so as not to redo it: the compiled
code of the package's modules (batch/kernels.py) and its compiled templates (caches.py)."""

from __future__ import annotations

import sys
import types
from importlib.machinery import SourceFileLoader

import jinja2

from papi_analysis import caches
from papi_analysis.batch import kernels


def test_a_purged_module_is_not_compiled_again_until_its_file_changes(tmp_path, monkeypatch):
    pkg = tmp_path / "kept_pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("X = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(sys, "dont_write_bytecode", True)  # no .pyc: every import compiles
    monkeypatch.setattr(SourceFileLoader, "get_code", SourceFileLoader.get_code)  # restored
    compiled = []
    plain = SourceFileLoader.source_to_code

    def counting(self, data, path, **kw):
        compiled.append(path)
        return plain(self, data, path, **kw)

    monkeypatch.setattr(SourceFileLoader, "source_to_code", counting)
    side = types.ModuleType("_side")
    exec(kernels._KERNEL_SIDE, side.__dict__)
    side._keep_code(("kept_pkg",))
    try:
        for _ in range(3):  # as the kernel's reset does before each notebook
            sys.modules.pop("kept_pkg", None)
            first = __import__("kept_pkg")
            assert first.X == 1
        assert len(compiled) == 1
        (pkg / "__init__.py").write_text("X = 22\n")  # edited: compiled again, new value
        sys.modules.pop("kept_pkg", None)
        assert __import__("kept_pkg").X == 22
        assert len(compiled) == 2
        sys.modules.pop("kept_pkg", None)
        import json  # noqa: F401 - other modules are not kept by it
        assert len(compiled) == 2
    finally:
        sys.modules.pop("kept_pkg", None)


def test_templates_are_compiled_once_per_process_and_follow_their_source(tmp_path,
                                                                          monkeypatch):
    monkeypatch.delitem(sys.modules, caches.TEMPLATE_STORE, raising=False)
    (tmp_path / "t.j2").write_text("<p>{{ x }}</p>")
    compiled = []

    def env(**kw):
        e = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), autoescape=True,
                               bytecode_cache=caches.kept_templates(), **kw)
        plain = e.compile

        def counting(source, *a, **k):
            compiled.append(source)
            return plain(source, *a, **k)

        e.compile = counting
        return e

    assert env().get_template("t.j2").render(x="<b>") == "<p>&lt;b&gt;</p>"
    # a new environment (the next notebook's) reuses the code
    assert env().get_template("t.j2").render(x="a&b") == "<p>a&amp;b</p>"
    assert len(compiled) == 1
    # other options that shape the code: compiled for them
    assert env(trim_blocks=True).get_template("t.j2").render(x=1) == "<p>1</p>"
    assert len(compiled) == 2
    (tmp_path / "t.j2").write_text("<i>{{ x }}</i>")  # another source: compiled again
    assert env().get_template("t.j2").render(x=2) == "<i>2</i>"
    assert len(compiled) == 3


def test_dataclass_methods_are_compiled_once_and_follow_their_fields(monkeypatch):
    import builtins
    import dataclasses

    monkeypatch.setattr(dataclasses, "exec", builtins.exec, raising=False)  # undone after
    side = types.ModuleType("_side")
    exec(kernels._KERNEL_SIDE, side.__dict__)
    compiled = []

    def counting(source, *a, **k):
        compiled.append(source)
        return compile(source, *a, **k)

    side.__dict__["compile"] = counting
    side._keep_dataclass_code()

    def make(name: str = "A"):  # as the next appendix's re-import defines the class again
        return dataclasses.make_dataclass(name, [("x", int), ("y", str, "a")])

    first = make()
    assert compiled
    n = len(compiled)
    again = make()
    assert len(compiled) == n  # nothing compiled the second time
    assert again(1) == again(1, "a") and again(1) != again(2)
    assert repr(again(2)) == "A(x=2, y='a')" and again is not first
    other = dataclasses.make_dataclass("A", [("x", int), ("z", float, 0.5)])  # edited
    assert len(compiled) > n
    assert repr(other(1)) == "A(x=1, z=0.5)"
