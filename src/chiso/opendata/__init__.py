"""Open data: approved values as CSV and JSON on public pages without login."""
