"""The DX office's administration at /quan-tri/ (users, grants, units, forms, sentences).

See :mod:`chiso.administration.site` for why it is a second Django admin site.
"""
