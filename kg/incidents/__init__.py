"""Incidents: reports of the same happening in different articles, grouped in their own graph."""
