"""The digitalisation lifecycle as software: need intake, validation, labels and portfolio."""
