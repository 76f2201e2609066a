"""chiso: the provincial digital-transformation programme, run by the numbers."""

__version__ = "0.1.0"
