"""The portfolio's pages and exports.

The overview and need pages, the agenda and meetings, the benefit, flow, förvaltning and index
pages, JSON and CSV, and the status file back to the channel.
"""
