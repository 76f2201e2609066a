"""The kept DTI scores, as the assessment area offers them to jobs and commands.

They live in `chiso.observations.stored_scores` (below collection, whose approvals update
them); this name is where a job that rebuilds them looks.
"""

from chiso.observations.stored_scores import Rebuilt, rebuild

__all__ = ["Rebuilt", "rebuild"]
