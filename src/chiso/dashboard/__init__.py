"""Overview of the province's DX position, the indicator page and the unit page."""
