"""Pure functions over a parsed Doc: find (quotes, cues, claims), then resolve (speakers, relay)."""
