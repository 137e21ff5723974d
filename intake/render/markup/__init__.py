"""The primitives every page and comment is written with: escaping, the one Jinja environment,
HTML tables that become cards on a phone, and static SVG charts."""
