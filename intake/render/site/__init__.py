"""Files generated for the site and the repository from the process file: issue forms, the
lifecycle diagram, the label and rules pages, the glossary and the municipality's own details."""
