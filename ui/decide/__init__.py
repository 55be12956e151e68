"""From a key to a decision: decision bar, policy picker, the flow, the sweep grid."""
