"""The login dialog and the account actions (sign in again, sign out)."""
