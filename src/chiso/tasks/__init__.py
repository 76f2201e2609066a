"""Tasks (nhiệm vụ) and investment projects (dự án): commitments with owners and deadlines."""
