"""What the help center is: settings, locales, articles, rendering, indexing, evaluation."""
