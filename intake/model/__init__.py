"""The process model: the process file as typed, cross-checked data, and its loader."""
