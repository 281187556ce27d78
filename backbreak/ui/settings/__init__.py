"""The settings dialog, split by concern: words, field editors, the General tab, conflicts."""
