"""Guidelines, bulletins and the investigation panel."""
