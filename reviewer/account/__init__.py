"""Credentials in the OS keyring, signing in and signing out."""
