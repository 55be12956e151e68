"""Reported media: decoding, the one renderer, storyboards, presets, hashes, reveal, exposure."""
