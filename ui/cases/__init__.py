"""Queues, the work list, its filters and the case panel."""
