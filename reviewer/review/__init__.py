"""The review loop: session, outbox, case list, search, sweeps and SLA watch."""
