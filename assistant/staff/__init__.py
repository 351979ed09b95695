"""Staff surface: tools for the people who run the assistant (token-protected)."""
