"""The shipped data files (keymaps, media presets, stylesheet, icons, translations), as a
package so that an installed wheel and the PyInstaller bundle carry them as package data.

No code lives here: reviewer/resources.py is the one place that finds these files, through
importlib.resources, whether they sit in a checkout, site-packages or a bundle."""
