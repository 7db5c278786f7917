"""Translations kept in sync with their source: paragraph hashes, alignment and which translations
are outdated or missing (:mod:`~kb.translation.status`), and the export/import of files for
translators (:mod:`~kb.translation.exchange`, with :mod:`~kb.translation.po` and
:mod:`~kb.translation.xliff` over the unit model of :mod:`~kb.translation.units`)."""
