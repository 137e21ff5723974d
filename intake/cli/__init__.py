"""The command line: the only place that reads the environment, the event file and the clock."""
