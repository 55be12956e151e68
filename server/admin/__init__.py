"""Running and administering the central API from a shell: the serve and admin commands."""
