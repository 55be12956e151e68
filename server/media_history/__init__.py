"""What the central API remembers about media across cases: perceptual hashes of the bytes it
serves, and the decisions already taken on the same or near-identical pictures."""
