"""`chiso demo`: the bundled tasks and projects (000 Phụ lục V, VI; 001 §V, Phụ lục II)."""

from __future__ import annotations


def demo_step() -> list[str]:
    """Load `src/chiso/data/tasks/` (unchanged files are skipped, so running it twice changes nothing)."""
    from chiso.datafiles import BUNDLED_DATA
    from chiso.loading import load_paths
    from chiso.tasks.models import Project, Task

    report = load_paths([BUNDLED_DATA / "tasks"])
    return ["Nhiệm vụ và dự án:", report.text(), (f"  - {Task.objects.count()} nhiệm vụ, "
            f"{Project.objects.count()} dự án đầu tư")]
