"""Who is calling and what they may do: tokens, roles, access, passwords, throttles."""
