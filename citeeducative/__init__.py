"""The project: settings, URLs, the home and error pages, the Cité éducative's own record (its
name, territory and look), the back office's groups, and the helpers every room shares
(caching of public pages, accent folding, slugs, rich text)."""
