"""The articles themselves: Markdown files with front matter in ``articles/<lang>/<slug>.md``
(:mod:`~kb.content.articles`: reading, slugs; :mod:`~kb.content.checks`: validation), their safe HTML
(:mod:`~kb.content.rendering`: Markdown, nh3, heading anchors), the search documents made from them
(:mod:`~kb.content.documents`), and writing them back atomically with conflict detection
(:mod:`~kb.content.authoring`)."""
