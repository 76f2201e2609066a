"""The body of the periodic report drafted from the data, in the register of a Sở's report (000
sections I–IV): what changed and by how much, what met or missed its target and why, the year-end
outlook, tasks, projects, who reported late, and the units' own words.

Each module drafts one kind of paragraph; `sections` puts them in 000's order.
"""
