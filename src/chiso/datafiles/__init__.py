"""Reading and validating the YAML data files (docs/data-format.md).

No Django here either: `chiso score --values` reads a framework file without a database.
Every problem is reported with the file, the item (with its code) and the field, in Vietnamese.
"""

from chiso.datafiles.errors import DataFileError, Problem
from chiso.datafiles.reading import (
    BUNDLED_DATA,
    ParsedFile,
    framework_path,
    load_framework,
    read_file,
    read_paths,
)

__all__ = [
    "BUNDLED_DATA",
    "DataFileError",
    "ParsedFile",
    "Problem",
    "framework_path",
    "load_framework",
    "read_file",
    "read_paths",
]
