"""`chiso load`: validated data files into the database, all or nothing.

Every file is read and checked first (`chiso.datafiles`); only when nothing is wrong does one
transaction write them. Loading the same files again changes nothing: frameworks and units
are updated in place, and a dataset whose file is unchanged (same SHA-256) is skipped; a changed
dataset replaces exactly its own records.
"""

from chiso.loading.report import LoadReport
from chiso.loading.writing import load_paths

__all__ = ["LoadReport", "load_paths"]
