"""Synthetic national-scale data (`chiso synth`): units with the 2025 mergers, the bundled DTI and
Đề án frameworks, yearly DTI values, monthly reports and tasks — deterministic for a seed."""
