"""The one build step pyproject.toml cannot declare: the built-in templates go into the
package.  ``templates/`` at the top of the checkout stays their source (the renderers
read it there in a checkout or an editable install); a wheel holds a copy of it as
``generator/templates``, which generator.render.builtin_templates finds first.  The
sdist carries ``templates/`` itself (MANIFEST.in), so a wheel built from it gets them too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

TEMPLATES = Path(__file__).resolve().parent / "templates"


class BuildPyWithTemplates(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads the checkout's templates/
            return
        target = Path(self.build_lib) / "generator" / "templates"
        shutil.rmtree(target, ignore_errors=True)  # no file left from an earlier build
        shutil.copytree(
            TEMPLATES, target, ignore=shutil.ignore_patterns("__pycache__", "*.py[cod]")
        )


setup(cmdclass={"build_py": BuildPyWithTemplates})
