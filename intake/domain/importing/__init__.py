"""The import channel: rows exported from another channel (CSV or JSON) made into needs."""
