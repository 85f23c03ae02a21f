"""What a stage's code is, as bytes: the input of the analysis and scorer identities.

:func:`source_bytes` reads every ``.py`` file under the named subpackages of ``tracker`` and
the named top-level modules (in the order of their paths, each preceded by its path), so
adding, removing, renaming or editing any module of a stage changes what it returns. No list
of module names is kept by hand: a new rule module is covered the moment it exists.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def source_files(*packages: str, root: Path = PACKAGE_DIR) -> list[Path]:
    """Every Python source file of the given subpackages (``"analysis"``, ``"text"`` …) or
    top-level modules (``"models.py"``)."""
    files: list[Path] = []
    for package in packages:
        path = root / package
        if path.is_dir():
            files += path.rglob("*.py")
        elif path.is_file():
            files.append(path)
        else:
            raise FileNotFoundError(f"No package or module {path}.")
    return sorted(set(files), key=lambda p: p.relative_to(root).as_posix())


def source_bytes(*packages: str, root: Path = PACKAGE_DIR) -> list[bytes]:
    """Path and content of each source file, alternating: the bytes an identity hashes."""
    parts: list[bytes] = []
    for path in source_files(*packages, root=root):
        parts.append(path.relative_to(root).as_posix().encode())
        parts.append(path.read_bytes())
    return parts
