"""The shared core: helpers every app may use; imports nothing above it."""
