"""The quick start's scripts: README's two commands, and how bin/setup finds a Python.

CI runs ``bin/setup --no-serve`` and ``bin/test`` for real (.ci/run); these tests cover what
CI's machine cannot show: machines without a suitable Python, or with several.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
# The commands the scripts need besides Python, linked into a PATH of their own so that
# the machine's real Pythons stay out of sight.
TOOLS = ["bash", "cat", "cut", "dirname", "grep", "sed", "sha256sum", "sort", "tac"]


def test_the_readme_quick_start_is_the_two_commands():
    readme = (BASE_DIR / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Lành Mạnh\n")
    quick_start = readme.split("\n## Quick start\n", 1)[1]
    first_block = re.search(r"```[a-z]*\n(.*?)```", quick_start, re.DOTALL).group(1)

    assert first_block.split("\n")[:-1] == ["bin/setup", "bin/test"]


@pytest.fixture
def machine(tmp_path):
    """A copy of bin/ in an empty checkout, a HOME, and a PATH holding only the basic
    tools; ``machine.python(dir, version)`` adds a fake Python reporting that version."""

    class Machine:
        root = tmp_path / "checkout"
        home = tmp_path / "home"
        path = tmp_path / "path"

        def python(self, directory, version):
            directory.mkdir(parents=True, exist_ok=True)
            major, minor = version.split(".")[:2]
            script = directory / "python3"
            # Answers the version test the way a real interpreter of that version would.
            script.write_text(
                "#!/bin/sh\n"
                f'if [ "$1" = --version ]; then echo "Python {version}"; exit 0; fi\n'
                f"[ {major} -gt 3 ] || [ {minor} -ge 12 ]\n"
            )
            script.chmod(0o755)
            return script

        def run(self, script, *args, **extra_env):
            env = {"PATH": str(self.path), "HOME": str(self.home), **extra_env}
            return subprocess.run(  # noqa: S603 - our own scripts, fixed arguments
                [shutil.which("bash"), *script, *args],
                cwd=self.root,
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )

    machine = Machine()
    shutil.copytree(BASE_DIR / "bin", machine.root / "bin")
    machine.home.mkdir()
    machine.path.mkdir()
    for tool in TOOLS:
        (machine.path / tool).symlink_to(shutil.which(tool))
    return machine


def find_python(machine, **env):
    return machine.run(["-c", ". bin/_python.sh; lm_find_python"], **env)


def test_setup_says_how_to_get_python_when_there_is_none(machine):
    machine.python(machine.path, "3.11.7")  # python3 on PATH, too old

    result = machine.run(["bin/setup"], "--no-serve")

    assert result.returncode == 1
    assert "Python 3.12 or newer" in result.stderr
    assert "apt install python3.12" in result.stderr
    assert "dnf install python3.12" in result.stderr
    assert "pyenv install 3.12" in result.stderr
    assert not (machine.root / ".venv").exists()


def test_a_python_on_path_comes_before_pyenv(machine):
    on_path = machine.python(machine.path / "python3.12-dir", "3.12.3")
    (machine.path / "python3.12").symlink_to(on_path)
    machine.python(machine.home / ".pyenv/versions/3.13.0/bin", "3.13.0")

    result = find_python(machine)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(machine.path / "python3.12")


def test_the_newest_pyenv_version_is_chosen_when_path_has_none(machine):
    machine.python(machine.path, "3.11.7")
    versions = machine.home / ".pyenv/versions"
    for version in ["3.11.7", "3.12.9", "3.13.0", "3.12.10"]:
        machine.python(versions / version / "bin", version)

    result = find_python(machine)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(versions / "3.13.0/bin/python3")


def test_pyenv_root_is_honoured(machine, tmp_path):
    root = tmp_path / "elsewhere"
    machine.python(root / "versions/3.12.1/bin", "3.12.1")

    result = find_python(machine, PYENV_ROOT=str(root))

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(root / "versions/3.12.1/bin/python3")


def test_setup_refuses_an_unknown_option(machine):
    result = machine.run(["bin/setup"], "--serve-forever")

    assert result.returncode == 2
    assert "unknown option '--serve-forever'" in result.stderr


@pytest.mark.parametrize("script", ["bin/setup", "bin/test", ".ci/run"])
def test_the_scripts_are_executable(script):
    assert os.access(BASE_DIR / script, os.X_OK)
