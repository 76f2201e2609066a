"""The DTI what-if simulator: assumed values, points, total, index, rank; saved scenarios."""
