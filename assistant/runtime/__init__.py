"""Running the whole assistant: child processes, the launcher behind `assistant run`."""
