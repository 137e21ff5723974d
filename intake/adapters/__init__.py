"""The adapters: the one GitHub gateway, settings, snapshots and files."""
