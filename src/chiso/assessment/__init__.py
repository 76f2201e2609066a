"""The DTI self-assessment round: lead agencies enter values and evidence, the office appraises."""
