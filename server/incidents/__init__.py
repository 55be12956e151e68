"""Incidents: declared by a lead or the on-call, worked as a set of cases, reviewed afterwards."""
